import type { ContextValue } from '../../../policy/index.js';
import { loadIamTarget } from '../../../authz/resource-target.js';
import type { OperationContext } from '../../operation.js';
import { userResource } from '../shared/resources.js';

/**
 * The service-specific credential actions carry iam:ServiceSpecificCredentialServiceName (and
 * Create iam:ServiceSpecificCredentialAgeDays), which for Update/Reset/Delete is the service of
 * the credential named, known only after reading it. So these operations authorize themselves:
 * the action on the user's ARN, with those keys, before anything is answered (AccessDenied comes
 * before NoSuchEntity, as for every other operation).
 */
export async function authorizeOnUser(
  ctx: OperationContext,
  action: string,
  input: Readonly<Record<string, unknown>>,
  userName: string | undefined,
  context: Record<string, ContextValue>,
): Promise<void> {
  let resolved: Promise<string> | undefined;
  const resource = () => (resolved ??= userResource(ctx, userName));
  await ctx.authorizer.authorize(ctx.caller, action, resource, ctx.facts, {
    input,
    context,
    target: async () => loadIamTarget(ctx.store, ctx.roles, await resource()),
  });
}
