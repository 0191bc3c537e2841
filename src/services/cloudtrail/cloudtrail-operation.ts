import type { Principal } from '../../model/principal.js';
import type { Store } from '../../storage/store.js';

/** What a CloudTrail handler may use: the caller (whose account's events it reads) and the store. */
export interface CloudTrailContext {
  store: Store;
  caller: Principal;
  /** Request time, epoch ms. */
  now: number;
}

/**
 * One CloudTrail operation. The input is the decoded JSON body (model member names); the handler
 * validates it (JSON 1.1 has no form decoding to do it), and returns the output object.
 */
export interface CloudTrailOperation {
  name: string;
  /** e.g. `cloudtrail:LookupEvents`. */
  action: string;
  readOnly: boolean;
  /** The resource authorized against (LookupEvents: `*`). */
  resource: string;
  handler(input: Record<string, unknown>, ctx: CloudTrailContext): Promise<object>;
}
