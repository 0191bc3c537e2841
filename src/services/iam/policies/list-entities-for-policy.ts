import { AwsError } from '../../../errors/aws-error.js';
import type { PrincipalKind } from '../../../model/entities.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation, type OperationContext } from '../../operation.js';
import { member, paging } from '../shared/members.js';
import { keysetPage, sortByKey } from './keyset-page.js';
import { listAll } from './list-all.js';
import { checkPolicyArn, findPolicy } from './policy-lookup.js';
import { policyMember } from './policy-members.js';
import { pageOutput, policyGroupOutput, policyRoleOutput, policyUserOutput } from '../shared/role-policy-output-shapes.js';

interface Entity {
  kind: PrincipalKind;
  name: string;
  id: string;
  path: string;
}

const KIND_ORDER: Record<PrincipalKind, string> = { group: '0', role: '1', user: '2' };
const keyOf = (e: Entity) => [KIND_ORDER[e.kind], e.name.toLowerCase(), e.name, e.id];

async function attachedEntities(ctx: OperationContext, arn: string): Promise<Entity[]> {
  const out: Entity[] = [];
  for (const a of await ctx.store.attachments.listForPolicy(ctx.caller.accountId, arn)) {
    if (a.ownerKind === 'user') {
      const u = await ctx.store.users.getById(a.ownerId);
      if (u) out.push({ kind: 'user', name: u.userName, id: u.userId, path: u.path });
    } else if (a.ownerKind === 'role') {
      const r = await ctx.store.roles.getById(a.ownerId);
      if (r) out.push({ kind: 'role', name: r.roleName, id: r.roleId, path: r.path });
    } else {
      const g = await ctx.store.groups.getById(a.ownerId);
      if (g) out.push({ kind: 'group', name: g.groupName, id: g.groupId, path: g.path });
    }
  }
  return out;
}

/** Users and roles using the policy as their permissions boundary (groups cannot have one). */
async function boundaryEntities(ctx: OperationContext, arn: string): Promise<Entity[]> {
  const accountId = ctx.caller.accountId;
  const users = await listAll((o) => ctx.store.users.list(accountId, o));
  const roles = await listAll((o) => ctx.store.roles.list(accountId, o));
  return [
    ...users
      .filter((u) => u.permissionsBoundaryArn === arn)
      .map((u): Entity => ({ kind: 'user', name: u.userName, id: u.userId, path: u.path })),
    ...roles
      .filter((r) => r.permissionsBoundaryArn === arn)
      .map((r): Entity => ({ kind: 'role', name: r.roleName, id: r.roleId, path: r.path })),
  ];
}

/**
 * The users, groups and roles a managed policy is attached to, and (unless PolicyUsageFilter
 * says PermissionsPolicy) those using it as a permissions boundary. EntityFilter User/Role/Group
 * keeps one kind; LocalManagedPolicy/AWSManagedPolicy keep everything when the policy is of that
 * kind and nothing otherwise. All three lists are always present.
 */
export const listEntitiesForPolicy = defineOperation({
  name: 'ListEntitiesForPolicy',
  action: 'iam:ListEntitiesForPolicy',
  readOnly: true,
  input: shape.struct({
    PolicyArn: member.arn(),
    EntityFilter: policyMember.entityFilter(),
    PathPrefix: member.path(),
    PolicyUsageFilter: policyMember.usageFilter(),
    ...paging,
  }),
  authorization: { resource: (input) => input.PolicyArn },
  output: shape.struct({
    PolicyGroups: shape.list(policyGroupOutput),
    PolicyUsers: shape.list(policyUserOutput),
    PolicyRoles: shape.list(policyRoleOutput),
    ...pageOutput,
  }),
  async handler(input, ctx) {
    checkPolicyArn(input.PolicyArn);
    const found = await findPolicy(ctx.store, ctx.caller.accountId, input.PolicyArn);
    if (!found) throw new AwsError('NoSuchEntity', `Policy ${input.PolicyArn} does not exist or is not attachable.`);
    const filter = input.EntityFilter;
    const policyKindExcluded =
      (filter === 'LocalManagedPolicy' && found.kind !== 'local') || (filter === 'AWSManagedPolicy' && found.kind !== 'aws');
    const kinds = new Set<PrincipalKind>(
      filter === 'User' ? ['user'] : filter === 'Role' ? ['role'] : filter === 'Group' ? ['group'] : ['user', 'role', 'group'],
    );
    const entities = new Map<string, Entity>();
    if (!policyKindExcluded) {
      const arn = found.policy.arn;
      const sources = [
        ...(input.PolicyUsageFilter !== 'PermissionsBoundary' ? await attachedEntities(ctx, arn) : []),
        ...(input.PolicyUsageFilter !== 'PermissionsPolicy' ? await boundaryEntities(ctx, arn) : []),
      ];
      const prefix = input.PathPrefix ?? '/';
      for (const e of sources) {
        if (kinds.has(e.kind) && e.path.startsWith(prefix)) entities.set(`${e.kind}/${e.id}`, e);
      }
    }
    const page = keysetPage(sortByKey([...entities.values()], keyOf), keyOf, input);
    const of = (kind: PrincipalKind) => page.items.filter((e) => e.kind === kind);
    return {
      PolicyGroups: of('group').map((e) => ({ GroupName: e.name, GroupId: e.id })),
      PolicyUsers: of('user').map((e) => ({ UserName: e.name, UserId: e.id })),
      PolicyRoles: of('role').map((e) => ({ RoleName: e.name, RoleId: e.id })),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    };
  },
});
