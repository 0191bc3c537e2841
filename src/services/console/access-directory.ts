import { addOwnerPolicies, type PolicySource } from '../../authz/gather-identity-policies.js';
import { resolveManagedPolicy } from '../../authz/resolve-managed-policy.js';
import { RECORD_KINDS } from '../../model/record-kinds.js';
import type { Store } from '../../storage/store.js';
import { providerOfArn } from '../iam/oidc-providers/provider-arn.js';
import type { AccessDirectory, AccessEntity, LabelledPolicy } from './access-analysis.js';

const PAGE = 1000;

/**
 * The access analysis' view of the store: every user and role of the caller's account (listed once
 * per analysis, a page of a thousand at a time) and which accounts keysmith holds, and each one's policies when the
 * analysis first asks for them — the same sources the authorizer gathers (gather-identity-policies.ts),
 * kept per owner so that each policy is shown with where it comes from.
 */
export function storeDirectory(store: Store, onlyAccount: string): AccessDirectory {
  return {
    async accounts() {
      return (await store.accounts.list()).map((a) => a.accountId);
    },
    async entities() {
      const out: AccessEntity[] = [];
      // Only the caller's account's users and roles are named: another account's principals are
      // that account's business (its account appears, as a trust policy names it, not its users).
      for (const accountId of [onlyAccount]) {
        let after: string | undefined;
        do {
          const page = await store.users.list(accountId, { limit: PAGE, after });
          for (const u of page.items) out.push({ kind: 'user', arn: u.arn, id: u.userId, accountId, name: u.userName, tags: u.tags });
          after = page.nextMarker;
        } while (after !== undefined);
        do {
          const page = await store.roles.list(accountId, { limit: PAGE, after });
          for (const r of page.items)
            out.push({
              kind: 'role',
              arn: r.arn,
              id: r.roleId,
              accountId,
              name: r.roleName,
              tags: r.tags,
              trustPolicy: r.assumeRolePolicyDocument,
            });
          after = page.nextMarker;
        } while (after !== undefined);
      }
      return out;
    },

    async policies(entity) {
      const identity: LabelledPolicy[] = [];
      const own: PolicySource[] = [];
      let boundaryArn: string | undefined;
      if (entity.kind === 'user') {
        const user = await store.users.getById(entity.id);
        boundaryArn = user?.permissionsBoundaryArn;
        await addOwnerPolicies(store, 'user', entity.id, own);
        identity.push(...own.map((p) => labelled(p)));
        let after: string | undefined;
        do {
          const page = await store.groups.listGroupsForUser(entity.id, { limit: PAGE, after });
          for (const g of page.items) {
            const of: PolicySource[] = [];
            await addOwnerPolicies(store, 'group', g.groupId, of);
            identity.push(...of.map((p) => labelled(p, g.groupName)));
          }
          after = page.nextMarker;
        } while (after !== undefined);
      } else {
        const role = await store.roles.getById(entity.id);
        boundaryArn = role?.permissionsBoundaryArn;
        await addOwnerPolicies(store, 'role', entity.id, own);
        identity.push(...own.map((p) => labelled(p)));
      }
      const resolved = boundaryArn === undefined ? undefined : await resolveManagedPolicy(store, boundaryArn);
      const boundary = resolved
        ? { id: resolved.arn, version: resolved.versionId, document: resolved.document, label: `${resolved.arn} (boundary)` }
        : undefined;
      return { identity, boundary };
    },

    async providerExists(arn) {
      for (const [type, kind] of [
        ['oidc-provider', RECORD_KINDS.oidcProvider],
        ['saml-provider', RECORD_KINDS.samlProvider],
      ] as const) {
        let named: { accountId: string; name: string } | undefined;
        try {
          named = providerOfArn(arn, type);
        } catch {
          return false;
        }
        if (named) return (await store.records.get(kind, named.accountId, named.name)) !== undefined;
      }
      return false;
    },
  };
}

/** Inline policies by name (a group's as `group GROUP: NAME`), managed ones by ARN. */
function labelled(p: PolicySource, group?: string): LabelledPolicy {
  const name = p.id.startsWith('arn:') ? p.id : `inline ${p.id}`;
  return { ...p, label: group ? `group ${group}: ${name}` : name };
}
