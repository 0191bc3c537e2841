import { listAwsManagedPolicies } from '../../../model/aws-managed-policies.js';
import type { Group, ManagedPolicy, Role, User } from '../../../model/entities.js';
import type { AwsManagedPolicy } from '../../../model/aws-managed-policies.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { paging } from '../shared/members.js';
import { keysetPage, sortByKey } from '../policies/keyset-page.js';
import { listAll } from '../policies/list-all.js';
import { boundaryUsage } from '../policies/policy-usage.js';
import { awsPolicyVersions } from '../policies/policy-views.js';
import { groupDetail, policyDetail, roleDetail, userDetail } from './detail-views.js';
import {
  groupDetailOutput,
  managedPolicyDetailOutput,
  pageOutput,
  roleDetailOutput,
  userDetailOutput,
} from '../shared/role-policy-output-shapes.js';

const FILTERS = ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'] as const;

type Item =
  | { kind: 'user'; name: string; id: string; entity: User }
  | { kind: 'group'; name: string; id: string; entity: Group }
  | { kind: 'role'; name: string; id: string; entity: Role }
  | { kind: 'local'; name: string; id: string; entity: ManagedPolicy }
  | { kind: 'aws'; name: string; id: string; entity: AwsManagedPolicy };

const KIND_ORDER: Record<Item['kind'], string> = { user: '0', group: '1', role: '2', local: '3', aws: '3' };
const keyOf = (i: Item) => [KIND_ORDER[i.kind], i.name.toLowerCase(), i.name, i.id];

/**
 * Users, groups, roles and managed policies of the account with their relationships (§4.10).
 * No Filter (or an empty one) means everything. AWS-managed policies appear only when this
 * account uses them (attached or as a boundary), as in AWS. MaxItems counts entries across the
 * four lists; details are built only for the page shown.
 */
export const getAccountAuthorizationDetails = defineOperation({
  name: 'GetAccountAuthorizationDetails',
  action: 'iam:GetAccountAuthorizationDetails',
  readOnly: true,
  input: shape.struct({ Filter: shape.list(shape.string({ enum: FILTERS })), ...paging }),
  authorization: { resource: () => '*' },
  output: shape.struct({
    UserDetailList: shape.list(userDetailOutput),
    GroupDetailList: shape.list(groupDetailOutput),
    RoleDetailList: shape.list(roleDetailOutput),
    Policies: shape.list(managedPolicyDetailOutput),
    ...pageOutput,
  }),
  async handler(input, ctx) {
    const accountId = ctx.caller.accountId;
    const wanted = new Set<string>(input.Filter && input.Filter.length > 0 ? input.Filter : FILTERS);
    const items: Item[] = [];
    if (wanted.has('User')) {
      for (const u of await listAll((o) => ctx.store.users.list(accountId, o)))
        items.push({ kind: 'user', name: u.userName, id: u.userId, entity: u });
    }
    if (wanted.has('Group')) {
      for (const g of await listAll((o) => ctx.store.groups.list(accountId, o)))
        items.push({ kind: 'group', name: g.groupName, id: g.groupId, entity: g });
    }
    if (wanted.has('Role')) {
      for (const r of await listAll((o) => ctx.store.roles.list(accountId, o)))
        items.push({ kind: 'role', name: r.roleName, id: r.roleId, entity: r });
    }
    const wantsPolicies = wanted.has('LocalManagedPolicy') || wanted.has('AWSManagedPolicy');
    const boundaries = wantsPolicies ? await boundaryUsage(ctx.store, accountId) : new Map<string, number>();
    const attachments = new Map<string, number>();
    const attachmentCount = async (arn: string) => {
      let n = attachments.get(arn);
      if (n === undefined) {
        n = await ctx.store.attachments.countForPolicy(accountId, arn);
        attachments.set(arn, n);
      }
      return n;
    };
    if (wanted.has('LocalManagedPolicy')) {
      for (const p of await listAll((o) => ctx.store.managedPolicies.list(accountId, o))) {
        items.push({ kind: 'local', name: p.policyName, id: p.policyId, entity: p });
      }
    }
    if (wanted.has('AWSManagedPolicy')) {
      for (const p of listAwsManagedPolicies()) {
        if ((await attachmentCount(p.arn)) > 0 || (boundaries.get(p.arn) ?? 0) > 0) {
          items.push({ kind: 'aws', name: p.policyName, id: p.policyId, entity: p });
        }
      }
    }

    const page = keysetPage(sortByKey(items, keyOf), keyOf, input);
    const UserDetailList = [];
    const GroupDetailList = [];
    const RoleDetailList = [];
    const Policies = [];
    for (const item of page.items) {
      switch (item.kind) {
        case 'user':
          UserDetailList.push(await userDetail(ctx, item.entity));
          break;
        case 'group':
          GroupDetailList.push(await groupDetail(ctx, item.entity));
          break;
        case 'role':
          RoleDetailList.push(await roleDetail(ctx, item.entity));
          break;
        case 'local':
        case 'aws': {
          const p = item.entity;
          const usage = { attachmentCount: await attachmentCount(p.arn), boundaryCount: boundaries.get(p.arn) ?? 0 };
          const versions = item.kind === 'aws' ? awsPolicyVersions(item.entity) : await ctx.store.managedPolicies.listVersions(p.arn);
          Policies.push(policyDetail(p, usage, versions));
          break;
        }
      }
    }
    return { UserDetailList, GroupDetailList, RoleDetailList, Policies, IsTruncated: page.IsTruncated, Marker: page.Marker };
  },
});
