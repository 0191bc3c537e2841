import type { PrincipalKind } from '../model/entities.js';
import type { Principal } from '../model/principal.js';
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
}

const ALL = { limit: 1000 } as const;

/**
 * Everything IAM evaluates for an IAM user: its inline and attached policies, those of its
 * groups, and its permissions boundary. (Roles and sessions are added with STS.)
 */
export async function gatherIdentityPolicies(store: Store, principal: Principal): Promise<IdentityPolicies> {
  if (principal.type !== 'User' || principal.entityId === undefined) return { identity: [] };
  const user = await store.users.getById(principal.entityId);
  if (!user) return { identity: [] };
  const identity: PolicySource[] = [];
  await addOwnerPolicies(store, 'user', user.userId, identity);
  let after: string | undefined;
  do {
    const page = await store.groups.listGroupsForUser(user.userId, { ...ALL, after });
    for (const group of page.items) await addOwnerPolicies(store, 'group', group.groupId, identity);
    after = page.nextMarker;
  } while (after !== undefined);
  const boundary = user.permissionsBoundaryArn ? await resolveManagedPolicy(store, user.permissionsBoundaryArn) : undefined;
  return {
    identity,
    boundary: boundary ? { id: boundary.arn, version: boundary.versionId, document: boundary.document } : undefined,
  };
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
