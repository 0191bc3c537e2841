import type { PolicyRef } from '../policy/index.js';
import type { Requester } from './requester.js';

/** The bucket owner's root may always manage the bucket policy, so a policy can never lock it out. */
const OWNER_ROOT_ALWAYS: ReadonlySet<string> = new Set(['s3:getbucketpolicy', 's3:putbucketpolicy', 's3:deletebucketpolicy']);

/** Which part of the root rule allowed a request without evaluating policies. */
export type RootAllowance = 'account-root' | 'bucket-owner-root';

/**
 * AWS's rule for the account root user (no SCPs in keysmith yet): it needs no identity policy in
 * its own account, so when no resource policy takes part, the request is allowed without
 * evaluating anything. A resource policy (a bucket policy) is evaluated, and its Deny binds the
 * root too — except for the bucket policy actions of the bucket owner's root. In another account
 * the root is evaluated like anyone (that account's resource policy must allow it).
 *
 * `resourceAccount` undefined means the caller's own account (IAM, STS, CloudTrail resources).
 */
export function rootAllowance(
  caller: Requester,
  action: string,
  resourceAccount: string | undefined,
  resourcePolicy: PolicyRef | undefined,
): RootAllowance | undefined {
  if (caller.type !== 'Root') return undefined;
  if (resourceAccount !== undefined && resourceAccount !== caller.accountId) return undefined;
  if (resourcePolicy === undefined) return 'account-root';
  return OWNER_ROOT_ALWAYS.has(action.toLowerCase()) ? 'bucket-owner-root' : undefined;
}
