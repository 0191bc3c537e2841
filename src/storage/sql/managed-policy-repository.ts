import type { ManagedPolicy, PolicyVersion } from '../../model/entities.js';
import type { ListOptions, ManagedPolicyRepository, Page } from '../store.js';
import type { SqlDriver } from './driver.js';
import { pageSql, toPage } from './paging.js';
import { compact, fold, num, optStr, orNull, tagsFromText, tagsToText } from './rows.js';
import { insertUnique } from './writes.js';

interface ManagedPolicyRow {
  policy_id: string;
  arn: string;
  account_id: string;
  policy_name: string;
  name_lower: string;
  path: string;
  description: string | null;
  default_version_id: string;
  create_date: number | string;
  update_date: number | string;
  tags: string;
}

interface VersionRow {
  policy_arn: string;
  version_id: string;
  document: string;
  create_date: number | string;
}

const toPolicy = (r: ManagedPolicyRow): ManagedPolicy =>
  compact({
    accountId: r.account_id,
    policyName: r.policy_name,
    policyId: r.policy_id,
    path: r.path,
    arn: r.arn,
    description: optStr(r.description),
    defaultVersionId: r.default_version_id,
    createDate: num(r.create_date),
    updateDate: num(r.update_date),
    tags: tagsFromText(r.tags),
  });

const toVersion = (r: VersionRow): PolicyVersion => ({
  policyArn: r.policy_arn,
  versionId: r.version_id,
  document: r.document,
  createDate: num(r.create_date),
});

export class SqlManagedPolicyRepository implements ManagedPolicyRepository {
  constructor(private readonly d: SqlDriver) {}

  async create(policy: ManagedPolicy, firstVersion: PolicyVersion): Promise<void> {
    await this.d.transaction(async (tx) => {
      await insertUnique(
        tx,
        `INSERT INTO managed_policies (policy_id, arn, account_id, policy_name, name_lower, path, description,
           default_version_id, create_date, update_date, tags)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        [
          policy.policyId,
          policy.arn,
          policy.accountId,
          policy.policyName,
          fold(policy.policyName),
          policy.path,
          orNull(policy.description),
          policy.defaultVersionId,
          policy.createDate,
          policy.updateDate,
          tagsToText(policy.tags),
        ],
        `policy ${policy.policyName}`,
      );
      await new SqlManagedPolicyRepository(tx).addVersion(firstVersion);
    });
  }

  async get(arn: string): Promise<ManagedPolicy | undefined> {
    const rows = await this.d.query<ManagedPolicyRow>('SELECT * FROM managed_policies WHERE arn = ?', [arn]);
    return rows[0] && toPolicy(rows[0]);
  }

  async getById(policyId: string): Promise<ManagedPolicy | undefined> {
    const rows = await this.d.query<ManagedPolicyRow>('SELECT * FROM managed_policies WHERE policy_id = ?', [policyId]);
    return rows[0] && toPolicy(rows[0]);
  }

  async list(accountId: string, options: ListOptions): Promise<Page<ManagedPolicy>> {
    const p = pageSql(options, { folded: 'name_lower', exact: 'policy_name', path: 'path' });
    const rows = await this.d.query<ManagedPolicyRow>(`SELECT * FROM managed_policies WHERE account_id = ?${p.where}${p.tail}`, [
      accountId,
      ...p.whereParams,
      ...p.tailParams,
    ]);
    return toPage(rows, options.limit, toPolicy, (r) => [r.name_lower, r.policy_name]);
  }

  /** Replaces the mutable fields; the ARN, name and path of a managed policy never change in IAM. */
  async update(policy: ManagedPolicy): Promise<boolean> {
    const changed = await this.d.run(
      `UPDATE managed_policies SET description = ?, default_version_id = ?, create_date = ?, update_date = ?, tags = ?
       WHERE policy_id = ? AND account_id = ?`,
      [
        orNull(policy.description),
        policy.defaultVersionId,
        policy.createDate,
        policy.updateDate,
        tagsToText(policy.tags),
        policy.policyId,
        policy.accountId,
      ],
    );
    return changed > 0;
  }

  /** Removes the versions too, and any attachment left over (services refuse while attached, as AWS does). */
  async delete(arn: string): Promise<boolean> {
    return this.d.transaction(async (tx) => {
      if ((await tx.run('DELETE FROM managed_policies WHERE arn = ?', [arn])) === 0) return false;
      await tx.run('DELETE FROM policy_versions WHERE policy_arn = ?', [arn]);
      await tx.run('DELETE FROM attachments WHERE policy_arn = ?', [arn]);
      return true;
    });
  }

  async count(accountId: string): Promise<number> {
    const rows = await this.d.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM managed_policies WHERE account_id = ?', [accountId]);
    return num(rows[0]?.n ?? 0);
  }

  async addVersion(version: PolicyVersion): Promise<void> {
    await insertUnique(
      this.d,
      'INSERT INTO policy_versions (policy_arn, version_id, document, create_date) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      [version.policyArn, version.versionId, version.document, version.createDate],
      `policy version ${version.versionId}`,
    );
  }

  async getVersion(arn: string, versionId: string): Promise<PolicyVersion | undefined> {
    const rows = await this.d.query<VersionRow>('SELECT * FROM policy_versions WHERE policy_arn = ? AND version_id = ?', [arn, versionId]);
    return rows[0] && toVersion(rows[0]);
  }

  /** Newest first; within one millisecond `v10` sorts before `v9` (longer id first, then the id). */
  async listVersions(arn: string): Promise<PolicyVersion[]> {
    const rows = await this.d.query<VersionRow>(
      `SELECT * FROM policy_versions WHERE policy_arn = ?
       ORDER BY create_date DESC, length(version_id) DESC, version_id DESC`,
      [arn],
    );
    return rows.map(toVersion);
  }

  async deleteVersion(arn: string, versionId: string): Promise<boolean> {
    return (await this.d.run('DELETE FROM policy_versions WHERE policy_arn = ? AND version_id = ?', [arn, versionId])) > 0;
  }
}
