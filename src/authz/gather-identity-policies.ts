import type { PrincipalKind, Tag } from '../model/entities.js';
import { entityIdOf, type Principal } from '../model/principal.js';
import type { Store } from '../storage/store.js';
import { resolveManagedPolicy } from './resolve-managed-policy.js';

/** Policy texts that apply to a principal, before compilation. */
export interface PolicySource {
  /** Inline policy name or managed policy ARN. */
  id: string;
  version?: string;
  document: string;
}

export interface IdentityPolicies {
  identity: PolicySource[];
  boundary?: PolicySource;
  /** The IAM entity's own tags (user tags, or role tags before session tags override them). */
  tags: Tag[];
  /** False when the entity behind the credentials no longer exists: nothing is allowed. */
  exists: boolean;
}

const ALL = { limit: 1000 } as const;
const NOTHING: IdentityPolicies = { identity: [], tags: [], exists: false };

/**
 * Everything IAM evaluates on the identity side: for a user (or its GetSessionToken session)
 * its inline and attached policies, those of its groups, and its boundary; for a role session
 * the role's policies and boundary. The role is found by its unique id, so a role deleted and
 * recreated under the same name does not inherit old sessions.
 */
export async function gatherIdentityPolicies(store: Store, principal: Principal): Promise<IdentityPolicies> {
  const entityId = entityIdOf(principal);
  if (entityId === undefined) return NOTHING;
  if (principal.type === 'AssumedRole') {
    const role = await store.roles.getById(entityId);
    if (!role) return NOTHING;
    const identity: PolicySource[] = [];
    await addOwnerPolicies(store, 'role', role.roleId, identity);
    return { identity, boundary: await boundarySource(store, role.permissionsBoundaryArn), tags: role.tags, exists: true };
  }
  const user = await store.users.getById(entityId);
  if (!user) return NOTHING;
  const identity = await userPolicySources(store, user.userId);
  return { identity, boundary: await boundarySource(store, user.permissionsBoundaryArn), tags: user.tags, exists: true };
}

/** A user's own inline and attached policies, then those of each of its groups. */
export async function userPolicySources(store: Store, userId: string): Promise<PolicySource[]> {
  const identity: PolicySource[] = [];
  await addOwnerPolicies(store, 'user', userId, identity);
  let after: string | undefined;
  do {
    const page = await store.groups.listGroupsForUser(userId, { ...ALL, after });
    for (const group of page.items) await addOwnerPolicies(store, 'group', group.groupId, identity);
    after = page.nextMarker;
  } while (after !== undefined);
  return identity;
}

async function boundarySource(store: Store, arn: string | undefined): Promise<PolicySource | undefined> {
  if (arn === undefined) return undefined;
  const resolved = await resolveManagedPolicy(store, arn);
  return resolved ? { id: resolved.arn, version: resolved.versionId, document: resolved.document } : undefined;
}

export async function addOwnerPolicies(store: Store, kind: PrincipalKind, ownerId: string, out: PolicySource[]): Promise<void> {
  let after: string | undefined;
  do {
    const page = await store.inlinePolicies.list(kind, ownerId, { ...ALL, after });
    for (const p of page.items) out.push({ id: p.policyName, document: p.document });
    after = page.nextMarker;
  } while (after !== undefined);
  for (const arn of await store.attachments.listForOwner(kind, ownerId)) {
    const resolved = await resolveManagedPolicy(store, arn);
    if (resolved) out.push({ id: resolved.arn, version: resolved.versionId, document: resolved.document });
  }
}
