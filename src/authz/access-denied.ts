import { AwsError } from '../errors/aws-error.js';
import type { Principal } from '../model/principal.js';
import type { ContextValue, Decision } from '../policy/index.js';

/** Why a request was refused: enough to build the encoded authorization message. */
export interface Denial {
  /** Evaluated with trace, so it lists every statement considered and missing keys. */
  decision: Decision;
  principal: Principal;
  action: string;
  resource: string;
  context: Readonly<Record<string, ContextValue>>;
}

/**
 * AccessDenied with the evaluation behind it. The wire text stays AWS's; the pipeline adds the
 * sealed details in a response header (decoded by sts:DecodeAuthorizationMessage).
 */
export class AccessDeniedError extends AwsError {
  constructor(
    message: string,
    readonly denial: Denial,
  ) {
    super('AccessDenied', message);
  }

  /**
   * Whether the caller may get the encoded authorization message. Not when the resource belongs
   * to another account: the trace would show that account's statement ids and failed condition
   * keys, and AWS gives the caller no such message for another account's policies.
   */
  get messageForCaller(): boolean {
    return !this.denial.decision.crossAccount;
  }
}
