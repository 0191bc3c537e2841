import { internalFailure } from '../../../errors/aws-error.js';
import type { PrincipalKind } from '../../../model/entities.js';
import { QUOTAS } from '../../../model/rules.js';
import type { OperationContext } from '../../operation.js';
import { requireGroup, requireRole, requireUser } from '../shared/lookups.js';
import { groupResource, roleResource, userResource } from '../shared/resources.js';
import { refuseServiceLinkedRole } from '../roles/service-linked-guard.js';

/** The entity a policy belongs to, as the inline and attached policy operations need it. */
export interface PolicyOwner {
  kind: PrincipalKind;
  /** Unique id (AIDA…/AGPA…/AROA…): policies and attachments are keyed on it, so renames keep them. */
  id: string;
  /** Name as stored (the caller's casing may differ). */
  name: string;
}

/**
 * What differs between users, groups and roles for Put/Get/List/Delete…Policy and
 * Attach/Detach/ListAttached…Policies: member names, name lengths in the model (Appendix B),
 * the size and count quotas (reference §4.8) and the lookups with their NoSuchEntity texts.
 */
export interface PolicyOwnerKind {
  kind: PrincipalKind;
  /** `User` in PutUserPolicy, AttachUserPolicy, … */
  noun: 'User' | 'Group' | 'Role';
  nameMember: 'UserName' | 'GroupName' | 'RoleName';
  /** Max length of the name member in the inline-policy operations. */
  inlineNameMax: number;
  /** …and in the attach/detach/list-attached operations. */
  attachNameMax: number;
  /** Aggregate size of all inline policies, whitespace not counted. */
  inlineSizeQuota: number;
  attachedQuota: number;
  /** As AWS spells it in "Cannot exceed quota for <name>: <n>". */
  attachedQuotaName: string;
  require(ctx: OperationContext, name: string): Promise<PolicyOwner>;
  /**
   * `require` for the calls that change the owner's policies (Put/Delete…Policy, Attach/Detach…Policy):
   * a service-linked role answers UnmodifiableEntity (roles/service-linked-guard.ts).
   */
  requireModifiable(ctx: OperationContext, name: string): Promise<PolicyOwner>;
  resource(ctx: OperationContext, name: string): Promise<string>;
}

/**
 * The owner's name from an input whose shape has it as a computed key (`[owner.nameMember]`):
 * its type is then an index signature, so the required string member is read and checked.
 */
export function ownerNameOf(input: Readonly<Record<string, unknown>>, owner: PolicyOwnerKind): string {
  const name = input[owner.nameMember];
  if (typeof name !== 'string') throw internalFailure(`${owner.nameMember} missing from a decoded input`);
  return name;
}

export const USER_OWNER: PolicyOwnerKind = {
  kind: 'user',
  noun: 'User',
  nameMember: 'UserName',
  inlineNameMax: 128,
  attachNameMax: 64,
  inlineSizeQuota: QUOTAS.UserPolicySizeQuota,
  attachedQuota: QUOTAS.AttachedPoliciesPerUserQuota,
  attachedQuotaName: 'PoliciesPerUser',
  async require(ctx, name) {
    const user = await requireUser(ctx, name);
    return { kind: 'user', id: user.userId, name: user.userName };
  },
  requireModifiable(ctx, name) {
    return this.require(ctx, name);
  },
  resource: (ctx, name) => userResource(ctx, name),
};

export const GROUP_OWNER: PolicyOwnerKind = {
  kind: 'group',
  noun: 'Group',
  nameMember: 'GroupName',
  inlineNameMax: 128,
  attachNameMax: 128,
  inlineSizeQuota: QUOTAS.GroupPolicySizeQuota,
  attachedQuota: QUOTAS.AttachedPoliciesPerGroupQuota,
  attachedQuotaName: 'PoliciesPerGroup',
  async require(ctx, name) {
    const group = await requireGroup(ctx, name);
    return { kind: 'group', id: group.groupId, name: group.groupName };
  },
  requireModifiable(ctx, name) {
    return this.require(ctx, name);
  },
  resource: (ctx, name) => groupResource(ctx, name),
};

export const ROLE_OWNER: PolicyOwnerKind = {
  kind: 'role',
  noun: 'Role',
  nameMember: 'RoleName',
  inlineNameMax: 64,
  attachNameMax: 64,
  inlineSizeQuota: QUOTAS.RolePolicySizeQuota,
  attachedQuota: QUOTAS.AttachedPoliciesPerRoleQuota,
  attachedQuotaName: 'PoliciesPerRole',
  async require(ctx, name) {
    const role = await requireRole(ctx, name);
    return { kind: 'role', id: role.roleId, name: role.roleName };
  },
  async requireModifiable(ctx, name) {
    const role = await requireRole(ctx, name);
    refuseServiceLinkedRole(role);
    return { kind: 'role', id: role.roleId, name: role.roleName };
  },
  resource: (ctx, name) => roleResource(ctx, name),
};

export const POLICY_OWNERS: readonly PolicyOwnerKind[] = [USER_OWNER, GROUP_OWNER, ROLE_OWNER];
