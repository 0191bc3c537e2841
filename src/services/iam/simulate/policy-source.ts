import { addOwnerPolicies, type PolicySource, userPolicySources } from '../../../authz/gather-identity-policies.js';
import { resolveManagedPolicy } from '../../../authz/resolve-managed-policy.js';
import { AwsError } from '../../../errors/aws-error.js';
import { parseArn, splitIamResource } from '../../../model/arns.js';
import type { RequestPrincipal } from '../../../policy/index.js';
import type { OperationContext } from '../../operation.js';
import { requireGroup, requireRole, requireUser } from '../shared/lookups.js';

/** The stored policies of the entity named by PolicySourceArn, and who it is as a caller. */
export interface PolicySourceEntity {
  kind: 'user' | 'group' | 'role';
  /** Identity policies: a user's own and its groups', a group's, or a role's (inline and attached). */
  identity: PolicySource[];
  /** The attached permissions boundary (users and roles). */
  boundary?: PolicySource;
  /** The entity as the simulated caller when no CallerArn is given. */
  principal: RequestPrincipal;
}

/**
 * Resolves PolicySourceArn: a user, group or role ARN of the caller's account. Anything else is
 * InvalidInput; an entity that does not exist (or lives in another account, which the caller
 * cannot read) is NoSuchEntity with IAM's usual text. The entity is found by name, as IAM ARNs
 * name it uniquely in the account.
 */
export async function resolvePolicySource(ctx: OperationContext, arn: string): Promise<PolicySourceEntity> {
  const parsed = parseArn(arn);
  const resource = parsed && parsed.service === 'iam' && /^\d{12}$/.test(parsed.account) ? splitIamResource(parsed.resource) : undefined;
  if (!parsed || !resource || resource.name === '' || !['user', 'group', 'role'].includes(resource.type)) {
    throw new AwsError('InvalidInput', `Invalid ARN ${arn}: PolicySourceArn must be the ARN of an IAM user, group or role.`);
  }
  const { type, name } = resource;
  // Another account's entities are invisible to this caller: report them as not found.
  if (parsed.account !== ctx.caller.accountId) throw new AwsError('NoSuchEntity', `The ${type} with name ${name} cannot be found.`);
  const identity: PolicySource[] = [];
  const store = ctx.store;
  if (type === 'user') {
    const user = await requireUser(ctx, name);
    return {
      kind: 'user',
      identity: await userPolicySources(store, user.userId),
      boundary: await boundarySource(ctx, user.permissionsBoundaryArn),
      principal: { type: 'User', arn: user.arn, accountId: user.accountId, userId: user.userId },
    };
  }
  if (type === 'group') {
    const group = await requireGroup(ctx, name);
    await addOwnerPolicies(store, 'group', group.groupId, identity);
    // A group is never a caller; it only matters with a resource policy, which then needs CallerArn.
    return { kind: 'group', identity, principal: { type: 'User', arn: group.arn, accountId: group.accountId } };
  }
  const role = await requireRole(ctx, name);
  await addOwnerPolicies(store, 'role', role.roleId, identity);
  return {
    kind: 'role',
    identity,
    boundary: await boundarySource(ctx, role.permissionsBoundaryArn),
    principal: { type: 'AssumedRole', arn: role.arn, accountId: role.accountId, roleArn: role.arn, userId: role.roleId },
  };
}

async function boundarySource(ctx: OperationContext, arn: string | undefined): Promise<PolicySource | undefined> {
  if (arn === undefined) return undefined;
  const resolved = await resolveManagedPolicy(ctx.store, arn);
  return resolved ? { id: resolved.arn, version: resolved.versionId, document: resolved.document } : undefined;
}

/** SourcePolicyId of a stored policy: the inline policy's name, or the managed policy's name. */
export function sourcePolicyId(source: PolicySource): string {
  return source.id.startsWith('arn:') ? source.id.slice(source.id.lastIndexOf('/') + 1) : source.id;
}
