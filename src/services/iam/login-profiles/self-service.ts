import { loadIamTarget, type ResourceTarget } from '../../../authz/resource-target.js';
import type { OperationContext } from '../../operation.js';
import { accountPasswordPolicy } from './password-policy-record.js';

/**
 * Authorizes a call that an account's AllowUsersToChangePassword also grants: with it set, IAM
 * gives every IAM user iam:ChangePassword on itself and iam:GetAccountPasswordPolicy at the
 * account level (PasswordPolicy's documentation). It acts as one more identity-based Allow: it
 * fills in where no identity policy allows, but an explicit Deny, a permissions boundary or a
 * session policy still refuses.
 */
export async function authorizeSelfService(ctx: OperationContext, action: string, resource: string): Promise<void> {
  // The target (its tags: aws:ResourceTag/) is read only if a policy asks, as for every IAM call.
  let target: Promise<ResourceTarget> | undefined;
  const options = { keysOf: action, target: () => (target ??= loadIamTarget(ctx.store, ctx.roles, resource)) };
  const verdict = await ctx.authorizer.decide(ctx.caller, action, resource, ctx.facts, options);
  if (verdict.allowed) return;
  const grantable =
    ctx.caller.type === 'User' &&
    verdict.by === 'policy' &&
    verdict.decision.decision === 'implicitDeny' &&
    verdict.decision.layer === 'identity' &&
    (await accountPasswordPolicy(ctx.store, ctx.caller.accountId))?.allowUsersToChangePassword === true;
  if (grantable) return;
  // Throws AWS's AccessDenied (or the session limit's error) with the evaluation attached.
  await ctx.authorizer.authorize(ctx.caller, action, resource, ctx.facts, options);
}
