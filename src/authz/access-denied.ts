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
}
