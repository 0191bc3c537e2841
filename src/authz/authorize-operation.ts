import type { Operation, OperationContext } from '../services/operation.js';
import { tagOnCreateAction } from './condition-keys/tag-on-create.js';
import { loadIamTarget, type ResourceTarget } from './resource-target.js';
import { sessionTokenRefusal } from '../services/sts/get-session-token.js';
import { federationTokenRefusal } from '../services/sts/get-federation-token.js';

/**
 * Authorizes one IAM or STS call before its handler runs: the session-token and federation-token
 * limits, the account root's rule, the operation's own action and resource, and the tag permission
 * of a create that passes Tags.
 */
export async function authorizeOperation(operation: Operation, input: Record<string, unknown>, ctx: OperationContext): Promise<void> {
  // GetSessionToken and GetFederationToken sessions are barred from most of IAM and STS,
  // whatever their policies say (root sessions included, hence before the root shortcut).
  const refusal = sessionTokenRefusal(ctx.caller, operation.action) ?? federationTokenRefusal(ctx.caller, operation.action);
  if (refusal) throw refusal;
  // AWS allows the account root everything in its own account (no SCPs in keysmith yet).
  if (ctx.caller.type === 'Root' || operation.skipAuthorization) return;
  const resource = await operation.resource(input as never, ctx);
  let target: Promise<ResourceTarget> | undefined;
  const options = { input, target: () => (target ??= loadIamTarget(ctx.store, ctx.roles, resource)), keysOf: operation.action };
  await ctx.authorizer.authorize(ctx.caller, operation.action, resource, ctx.facts, options);
  // A create that passes Tags also needs the tag permission, with the same request context.
  const tagAction = tagOnCreateAction(operation.action, input);
  if (tagAction !== undefined) await ctx.authorizer.authorize(ctx.caller, tagAction, resource, ctx.facts, options);
}
