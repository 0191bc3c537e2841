import type { InlinePolicy, PrincipalKind } from '../../model/entities.js';
import type { InlinePolicyRepository, ListOptions, Page } from '../store.js';
import type { SqlDriver } from './driver.js';
import { pageSql, toPage } from './paging.js';
import { fold } from './rows.js';

interface InlinePolicyRow {
  owner_kind: string;
  owner_id: string;
  name_lower: string;
  policy_name: string;
  account_id: string;
  document: string;
}

const toInlinePolicy = (r: InlinePolicyRow): InlinePolicy => ({
  accountId: r.account_id,
  ownerKind: r.owner_kind as PrincipalKind,
  ownerId: r.owner_id,
  policyName: r.policy_name,
  document: r.document,
});

/** Policy names, like every IAM name, are unique per owner ignoring case. Keyed on the owner's id. */
export class SqlInlinePolicyRepository implements InlinePolicyRepository {
  constructor(private readonly d: SqlDriver) {}

  /** A put with a name differing only in case replaces the policy and takes the new spelling. */
  async put(policy: InlinePolicy): Promise<void> {
    await this.d.run(
      `INSERT INTO inline_policies (owner_kind, owner_id, name_lower, policy_name, account_id, document)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (owner_kind, owner_id, name_lower)
       DO UPDATE SET policy_name = excluded.policy_name, account_id = excluded.account_id, document = excluded.document`,
      [policy.ownerKind, policy.ownerId, fold(policy.policyName), policy.policyName, policy.accountId, policy.document],
    );
  }

  async get(ownerKind: PrincipalKind, ownerId: string, policyName: string): Promise<InlinePolicy | undefined> {
    const rows = await this.d.query<InlinePolicyRow>(
      'SELECT * FROM inline_policies WHERE owner_kind = ? AND owner_id = ? AND name_lower = ?',
      [ownerKind, ownerId, fold(policyName)],
    );
    return rows[0] && toInlinePolicy(rows[0]);
  }

  async list(ownerKind: PrincipalKind, ownerId: string, options: ListOptions): Promise<Page<InlinePolicy>> {
    const p = pageSql({ ...options, pathPrefix: undefined }, { folded: 'name_lower', exact: 'policy_name' });
    const rows = await this.d.query<InlinePolicyRow>(
      `SELECT * FROM inline_policies WHERE owner_kind = ? AND owner_id = ?${p.where}${p.tail}`,
      [ownerKind, ownerId, ...p.whereParams, ...p.tailParams],
    );
    return toPage(rows, options.limit, toInlinePolicy, (r) => [r.name_lower, r.policy_name]);
  }

  async delete(ownerKind: PrincipalKind, ownerId: string, policyName: string): Promise<boolean> {
    const changed = await this.d.run('DELETE FROM inline_policies WHERE owner_kind = ? AND owner_id = ? AND name_lower = ?', [
      ownerKind,
      ownerId,
      fold(policyName),
    ]);
    return changed > 0;
  }
}
