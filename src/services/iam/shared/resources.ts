import { iamArn } from '../../../model/arns.js';
import type { OperationContext } from '../../operation.js';

/**
 * Resource ARNs for authorization. AWS authorizes against the entity's real ARN (with its path),
 * so existing entities are looked up; a missing one falls back to the root path, and the handler
 * then answers NoSuchEntity.
 */
export async function userResource(ctx: OperationContext, userName: string | null | undefined): Promise<string> {
  const name = userName ?? (ctx.caller.type === 'User' ? ctx.caller.userName : undefined);
  if (!name) return `arn:aws:iam::${ctx.caller.accountId}:root`;
  const user = await ctx.store.users.getByName(ctx.caller.accountId, name);
  return user?.arn ?? iamArn(ctx.caller.accountId, 'user', '/', name);
}

export async function roleResource(ctx: OperationContext, roleName: string): Promise<string> {
  const role = await ctx.store.roles.getByName(ctx.caller.accountId, roleName);
  return role?.arn ?? iamArn(ctx.caller.accountId, 'role', '/', roleName);
}

export async function groupResource(ctx: OperationContext, groupName: string): Promise<string> {
  const group = await ctx.store.groups.getByName(ctx.caller.accountId, groupName);
  return group?.arn ?? iamArn(ctx.caller.accountId, 'group', '/', groupName);
}
