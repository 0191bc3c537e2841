import { AwsError } from '../../../errors/aws-error.js';
import type { Group, Role, User } from '../../../model/entities.js';
import type { OperationContext } from '../../operation.js';

/** Entity lookups in the caller's account, failing with AWS's NoSuchEntity texts. */
export async function requireUser(ctx: OperationContext, userName: string): Promise<User> {
  const user = await ctx.store.users.getByName(ctx.caller.accountId, userName);
  if (!user) throw new AwsError('NoSuchEntity', `The user with name ${userName} cannot be found.`);
  return user;
}

export async function requireGroup(ctx: OperationContext, groupName: string): Promise<Group> {
  const group = await ctx.store.groups.getByName(ctx.caller.accountId, groupName);
  if (!group) throw new AwsError('NoSuchEntity', `The group with name ${groupName} cannot be found.`);
  return group;
}

export async function requireRole(ctx: OperationContext, roleName: string): Promise<Role> {
  const role = await ctx.store.roles.getByName(ctx.caller.accountId, roleName);
  if (!role) throw new AwsError('NoSuchEntity', `The role with name ${roleName} cannot be found.`);
  return role;
}

/**
 * Operations that take an optional UserName act on the caller when it is omitted; callers that
 * are not IAM users must name one (AWS: "Must specify userName when calling with non-User credentials").
 */
export function impliedUserName(ctx: OperationContext, userName: string | undefined): string | null {
  if (userName !== undefined) return userName;
  if (ctx.caller.type === 'User') return ctx.caller.userName;
  if (ctx.caller.type === 'Root') return null;
  throw new AwsError('ValidationError', 'Must specify userName when calling with non-User credentials');
}
