import { AwsError } from '../../../errors/aws-error.js';
import { parseArn, splitIamResource } from '../../../model/arns.js';
import type { Group, PrincipalKind, Role, User } from '../../../model/entities.js';
import type { Store } from '../../../storage/store.js';
import type { OperationContext } from '../../operation.js';
import { findPolicy, policyNotFound } from '../policies/policy-lookup.js';
import { requireGroup, requireRole, requireUser } from '../shared/lookups.js';
import { invalidArn } from './advisor-errors.js';

/** A policy an identity can use, with its document (INLINE policies name their owner). */
export interface PolicySource {
  policyName: string;
  policyType: 'INLINE' | 'MANAGED';
  policyArn?: string;
  entityType?: 'USER' | 'ROLE' | 'GROUP';
  entityName?: string;
  document: string;
}

/** A user or role the report follows (EntityInfo). */
export interface TrackedEntity {
  arn: string;
  name: string;
  type: 'USER' | 'ROLE';
  id: string;
  path: string;
}

/** What a report or a policy listing is about, resolved from its ARN in the caller's account. */
export type AdvisorSubject =
  | { type: 'user'; arn: string; user: User }
  | { type: 'group'; arn: string; group: Group }
  | { type: 'role'; arn: string; role: Role }
  | { type: 'policy'; arn: string; policyName: string; document: string };

export async function resolveSubject(ctx: OperationContext, arn: string, allowPolicy: boolean): Promise<AdvisorSubject> {
  const parsed = parseArn(arn);
  const parts = parsed && parsed.service === 'iam' && parsed.region === '' ? splitIamResource(parsed.resource) : undefined;
  if (!parsed || !parts || parts.name === '') throw invalidArn(arn);
  const account = parsed.account;
  if (parts.type === 'policy' && allowPolicy) {
    const found =
      account === 'aws' || account === ctx.caller.accountId ? await findPolicy(ctx.store, ctx.caller.accountId, arn) : undefined;
    if (!found) throw policyNotFound(arn);
    return {
      type: 'policy',
      arn,
      policyName: found.policy.policyName,
      document: await managedDocument(ctx.store, ctx.caller.accountId, arn),
    };
  }
  if (!['user', 'group', 'role'].includes(parts.type)) throw invalidArn(arn);
  if (account !== ctx.caller.accountId) {
    const kind = parts.type;
    throw new AwsError('NoSuchEntity', `The ${kind} with name ${parts.name} cannot be found.`);
  }
  if (parts.type === 'user') return { type: 'user', arn, user: await requireUser(ctx, parts.name) };
  if (parts.type === 'group') return { type: 'group', arn, group: await requireGroup(ctx, parts.name) };
  return { type: 'role', arn, role: await requireRole(ctx, parts.name) };
}

/** A managed policy's default version document ('' when it cannot be read). */
async function managedDocument(store: Store, accountId: string, arn: string): Promise<string> {
  const found = await findPolicy(store, accountId, arn);
  if (!found) return '';
  if (found.kind === 'aws') return found.policy.document;
  return (await store.managedPolicies.getVersion(arn, found.policy.defaultVersionId))?.document ?? '';
}

const ENTITY_TYPE: Record<PrincipalKind, 'USER' | 'ROLE' | 'GROUP'> = { user: 'USER', role: 'ROLE', group: 'GROUP' };

/** The inline and attached policies of one user, group or role, inline first (each in name order). */
async function ownPolicies(store: Store, accountId: string, kind: PrincipalKind, id: string, name: string): Promise<PolicySource[]> {
  const out: PolicySource[] = [];
  const inline = await store.inlinePolicies.list(kind, id, { limit: 1000 });
  for (const p of inline.items) {
    out.push({ policyName: p.policyName, policyType: 'INLINE', entityType: ENTITY_TYPE[kind], entityName: name, document: p.document });
  }
  for (const arn of await store.attachments.listForOwner(kind, id)) {
    const found = await findPolicy(store, accountId, arn);
    if (!found) continue;
    out.push({
      policyName: found.policy.policyName,
      policyType: 'MANAGED',
      policyArn: arn,
      document: await managedDocument(store, accountId, arn),
    });
  }
  return out;
}

async function groupsOf(store: Store, userId: string): Promise<Group[]> {
  return (await store.groups.listGroupsForUser(userId, { limit: 1000 })).items;
}

/** The policies an identity can use: a user's own and its groups', a group's or a role's own. */
export async function policiesOf(store: Store, subject: AdvisorSubject): Promise<PolicySource[]> {
  switch (subject.type) {
    case 'user': {
      const u = subject.user;
      const out = await ownPolicies(store, u.accountId, 'user', u.userId, u.userName);
      for (const g of await groupsOf(store, u.userId))
        out.push(...(await ownPolicies(store, u.accountId, 'group', g.groupId, g.groupName)));
      return out;
    }
    case 'group':
      return ownPolicies(store, subject.group.accountId, 'group', subject.group.groupId, subject.group.groupName);
    case 'role':
      return ownPolicies(store, subject.role.accountId, 'role', subject.role.roleId, subject.role.roleName);
    case 'policy':
      return [{ policyName: subject.policyName, policyType: 'MANAGED', policyArn: subject.arn, document: subject.document }];
  }
}

const userEntity = (u: User): TrackedEntity => ({ arn: u.arn, name: u.userName, type: 'USER', id: u.userId, path: u.path });
const roleEntity = (r: Role): TrackedEntity => ({ arn: r.arn, name: r.roleName, type: 'ROLE', id: r.roleId, path: r.path });

async function membersOf(store: Store, groupId: string): Promise<User[]> {
  return (await store.groups.listMembers(groupId, { limit: 1000 })).items;
}

/**
 * The users and roles whose use a report counts: the user or role itself; a group's members; the
 * users and roles a policy is attached to, and the members of the groups it is attached to.
 */
export async function entitiesOf(store: Store, accountId: string, subject: AdvisorSubject): Promise<TrackedEntity[]> {
  switch (subject.type) {
    case 'user':
      return [userEntity(subject.user)];
    case 'role':
      return [roleEntity(subject.role)];
    case 'group':
      return (await membersOf(store, subject.group.groupId)).map(userEntity);
    case 'policy': {
      const out = new Map<string, TrackedEntity>();
      for (const a of await store.attachments.listForPolicy(accountId, subject.arn)) {
        if (a.ownerKind === 'user') {
          const u = await store.users.getById(a.ownerId);
          if (u) out.set(u.arn, userEntity(u));
        } else if (a.ownerKind === 'role') {
          const r = await store.roles.getById(a.ownerId);
          if (r) out.set(r.arn, roleEntity(r));
        } else {
          for (const u of await membersOf(store, a.ownerId)) out.set(u.arn, userEntity(u));
        }
      }
      return [...out.values()];
    }
  }
}
