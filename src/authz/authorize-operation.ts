import type { Principal } from '../model/principal.js';
import type { Operation, OperationContext } from '../services/operation.js';
import type { Authorizer } from './authorizer.js';
import { tagOnCreateAction } from './condition-keys/tag-on-create.js';
import type { RequestFacts } from './request-context.js';
import { loadIamTarget, type ResourceTarget } from './resource-target.js';
import { sessionLimitRefusal } from './session-limits.js';

/**
 * Authorizes one IAM or STS call before its handler runs, as its operation declares
 * (`Operation.authorization`), through the Authorizer: the session-token and federation-token
 * limits for every call; then, unless the operation asks no permission or authorizes itself in its
 * handler, the root rule or the operation's action on its resource, and the tag permission of a
 * create that passes Tags. The resource is resolved only when policies are evaluated.
 */
export async function authorizeOperation(
  operation: Operation,
  input: Readonly<Record<string, unknown>>,
  ctx: OperationContext,
): Promise<void> {
  const authorization = operation.authorization;
  if (authorization === 'none' || authorization === 'self') {
    // No check here, but the credentials may still not make this call at all.
    const refusal = sessionLimitRefusal(ctx.caller, operation.action);
    if (refusal) throw refusal;
    return;
  }
  let resolved: Promise<string> | undefined;
  const resource = () => (resolved ??= Promise.resolve(authorization.resource(input, ctx)));
  let target: Promise<ResourceTarget> | undefined;
  const options = {
    input,
    target: () => (target ??= resource().then((arn) => loadIamTarget(ctx.store, ctx.roles, arn))),
    keysOf: operation.action,
  };
  await ctx.authorizer.authorize(ctx.caller, operation.action, resource, ctx.facts, options);
  // A create that passes Tags also needs the tag permission, with the same request context.
  const tagAction = tagOnCreateAction(operation.action, input);
  if (tagAction !== undefined) await ctx.authorizer.authorize(ctx.caller, tagAction, resource, ctx.facts, options);
}

/**
 * The JSON (CloudTrail) pipeline's authorization step: the operation's action on its resource,
 * through the Authorizer (root rule, session limits, policies). Throws AccessDenied unless allowed.
 */
export async function authorizeCall(
  authorizer: Authorizer,
  caller: Principal,
  action: string,
  resource: string,
  facts: RequestFacts,
): Promise<void> {
  await authorizer.authorize(caller, action, resource, facts);
}
