import { isoSeconds } from '../../../kernel/iso-time.js';
import { awsManagedPolicy } from '../../../model/aws-managed-policies.js';
import type { Group, PrincipalKind, Role, User } from '../../../model/entities.js';
import type { OperationContext } from '../../operation.js';
import { listAll } from '../policies/list-all.js';
import type { PolicyUsage } from '../policies/policy-usage.js';
import { type AnyPolicy, newestFirst, versionView } from '../policies/policy-views.js';
import type { PolicyVersion } from '../../../model/entities.js';
import { boundaryView } from '../shared/views.js';
import { instanceProfiles } from '../instance-profiles/instance-profile-record.js';
import { instanceProfileView } from '../instance-profiles/instance-profile-view.js';

/** The *Detail shapes of GetAccountAuthorizationDetails, with the presence rules of §4.10. */

const tags = (list: readonly { Key: string; Value: string }[]) => list.map((t) => ({ Key: t.Key, Value: t.Value }));

async function inlinePolicies(ctx: OperationContext, kind: PrincipalKind, ownerId: string) {
  const list = await listAll((o) => ctx.store.inlinePolicies.list(kind, ownerId, o));
  return list.map((p) => ({ PolicyName: p.policyName, PolicyDocument: p.document }));
}

async function attachedPolicies(ctx: OperationContext, kind: PrincipalKind, ownerId: string) {
  const arns = await ctx.store.attachments.listForOwner(kind, ownerId);
  return arns.map((arn) => ({ PolicyName: awsManagedPolicy(arn)?.policyName ?? arn.slice(arn.lastIndexOf('/') + 1), PolicyArn: arn }));
}

/** UserPolicyList is left out when the user has no inline policy; GroupList and Tags are always there. */
export async function userDetail(ctx: OperationContext, u: User) {
  const policies = await inlinePolicies(ctx, 'user', u.userId);
  const groups = await listAll((o) => ctx.store.groups.listGroupsForUser(u.userId, o));
  return {
    Path: u.path,
    UserName: u.userName,
    UserId: u.userId,
    Arn: u.arn,
    CreateDate: isoSeconds(u.createDate),
    UserPolicyList: policies.length > 0 ? policies : undefined,
    GroupList: groups.map((g) => g.groupName),
    AttachedManagedPolicies: await attachedPolicies(ctx, 'user', u.userId),
    PermissionsBoundary: boundaryView(u.permissionsBoundaryArn),
    Tags: tags(u.tags),
  };
}

/** GroupPolicyList is present even when empty. */
export async function groupDetail(ctx: OperationContext, g: Group) {
  return {
    Path: g.path,
    GroupName: g.groupName,
    GroupId: g.groupId,
    Arn: g.arn,
    CreateDate: isoSeconds(g.createDate),
    GroupPolicyList: await inlinePolicies(ctx, 'group', g.groupId),
    AttachedManagedPolicies: await attachedPolicies(ctx, 'group', g.groupId),
  };
}

/** Tags and RoleLastUsed are present even when empty; InstanceProfileList holds the role's profiles (with their tags). */
export async function roleDetail(ctx: OperationContext, r: Role) {
  return {
    Path: r.path,
    RoleName: r.roleName,
    RoleId: r.roleId,
    Arn: r.arn,
    CreateDate: isoSeconds(r.createDate),
    AssumeRolePolicyDocument: r.assumeRolePolicyDocument,
    InstanceProfileList: (await instanceProfiles.listForOwner(ctx.store, r.roleId)).map((p) =>
      instanceProfileView(p, r, { withTags: true }),
    ),
    RolePolicyList: await inlinePolicies(ctx, 'role', r.roleId),
    AttachedManagedPolicies: await attachedPolicies(ctx, 'role', r.roleId),
    PermissionsBoundary: boundaryView(r.permissionsBoundaryArn),
    Tags: tags(r.tags),
    RoleLastUsed: {
      LastUsedDate: r.lastUsedDate === undefined ? undefined : isoSeconds(r.lastUsedDate),
      Region: r.lastUsedRegion,
    },
  };
}

/** Every version, newest first, each with its Document. */
export function policyDetail(p: AnyPolicy, usage: PolicyUsage, versions: readonly PolicyVersion[]) {
  return {
    PolicyName: p.policyName,
    PolicyId: p.policyId,
    Arn: p.arn,
    Path: p.path,
    DefaultVersionId: p.defaultVersionId,
    AttachmentCount: usage.attachmentCount,
    PermissionsBoundaryUsageCount: usage.boundaryCount,
    IsAttachable: true,
    Description: p.description,
    CreateDate: isoSeconds(p.createDate),
    UpdateDate: isoSeconds(p.updateDate),
    PolicyVersionList: newestFirst(versions).map((v) => versionView(v, p.defaultVersionId, true)),
  };
}
