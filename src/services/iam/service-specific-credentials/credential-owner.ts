import { AwsError } from '../../../errors/aws-error.js';
import type { User } from '../../../model/entities.js';
import type { OperationContext } from '../../operation.js';
import { impliedUserName, requireUser } from '../shared/lookups.js';
import { authorizeOnUser } from './authorize-on-user.js';
import { serviceCredentials } from './credential-record.js';

/**
 * Update, Reset and Delete: authorize the action on the user with the credential's service as
 * iam:ServiceSpecificCredentialServiceName (when the user and credential exist), then find the
 * user (the caller when UserName is omitted). The root has no service-specific credentials, so
 * it must name a user.
 */
export async function authorizeAndFindOwner(
  ctx: OperationContext,
  action: string,
  input: { UserName?: string | undefined; ServiceSpecificCredentialId: string },
): Promise<User> {
  const name = impliedUserName(ctx, input.UserName);
  if (name === null) throw new AwsError('ValidationError', 'Must specify userName when calling with non-User credentials');
  const user = await ctx.store.users.getByName(ctx.caller.accountId, name);
  const credential = user && (await serviceCredentials.get(ctx.store, ctx.caller.accountId, input.ServiceSpecificCredentialId));
  const context: Record<string, string> =
    credential && credential.ownerId === user.userId ? { 'iam:ServiceSpecificCredentialServiceName': credential.value.serviceName } : {};
  await authorizeOnUser(ctx, action, input, input.UserName, context);
  return requireUser(ctx, name);
}
