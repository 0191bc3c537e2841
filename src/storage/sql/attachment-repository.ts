import type { Attachment, PrincipalKind } from '../../model/entities.js';
import type { AttachmentRepository } from '../store.js';
import type { SqlDriver } from './driver.js';
import { num } from './rows.js';

interface AttachmentRow {
  owner_kind: string;
  owner_id: string;
  policy_arn: string;
  account_id: string;
}

const toAttachment = (r: AttachmentRow): Attachment => ({
  accountId: r.account_id,
  ownerKind: r.owner_kind as PrincipalKind,
  ownerId: r.owner_id,
  policyArn: r.policy_arn,
});

/** Attachments key on the owner's unique id, so renaming a user/group/role keeps them. */
export class SqlAttachmentRepository implements AttachmentRepository {
  constructor(private readonly d: SqlDriver) {}

  /** Attaching twice is a no-op (Attach*Policy is idempotent in AWS). */
  async attach(a: Attachment): Promise<void> {
    await this.d.run('INSERT INTO attachments (owner_kind, owner_id, policy_arn, account_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING', [
      a.ownerKind,
      a.ownerId,
      a.policyArn,
      a.accountId,
    ]);
  }

  async detach(ownerKind: PrincipalKind, ownerId: string, policyArn: string): Promise<boolean> {
    const changed = await this.d.run('DELETE FROM attachments WHERE owner_kind = ? AND owner_id = ? AND policy_arn = ?', [
      ownerKind,
      ownerId,
      policyArn,
    ]);
    return changed > 0;
  }

  async isAttached(ownerKind: PrincipalKind, ownerId: string, policyArn: string): Promise<boolean> {
    const rows = await this.d.query<{ one: number }>(
      'SELECT 1 AS one FROM attachments WHERE owner_kind = ? AND owner_id = ? AND policy_arn = ?',
      [ownerKind, ownerId, policyArn],
    );
    return rows.length > 0;
  }

  async listForOwner(ownerKind: PrincipalKind, ownerId: string): Promise<string[]> {
    const rows = await this.d.query<{ policy_arn: string }>(
      'SELECT policy_arn FROM attachments WHERE owner_kind = ? AND owner_id = ? ORDER BY policy_arn',
      [ownerKind, ownerId],
    );
    return rows.map((r) => r.policy_arn);
  }

  /** Ordered by owner kind (group, role, user), then owner id. */
  async listForPolicy(accountId: string, policyArn: string): Promise<Attachment[]> {
    const rows = await this.d.query<AttachmentRow>(
      'SELECT * FROM attachments WHERE account_id = ? AND policy_arn = ? ORDER BY owner_kind, owner_id',
      [accountId, policyArn],
    );
    return rows.map(toAttachment);
  }

  async countForPolicy(accountId: string, policyArn: string): Promise<number> {
    const rows = await this.d.query<{ n: number | string }>(
      'SELECT COUNT(*) AS n FROM attachments WHERE account_id = ? AND policy_arn = ?',
      [accountId, policyArn],
    );
    return num(rows[0]?.n ?? 0);
  }

  async detachAll(ownerKind: PrincipalKind, ownerId: string): Promise<void> {
    await this.d.run('DELETE FROM attachments WHERE owner_kind = ? AND owner_id = ?', [ownerKind, ownerId]);
  }
}
