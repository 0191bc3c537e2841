import type { AccessKey } from '../../model/entities.js';
import type { AccessKeyRepository } from '../store.js';
import type { SqlDriver } from './driver.js';
import { compact, fold, num, optNum, optStr, orNull } from './rows.js';
import { insertUnique } from './writes.js';

interface AccessKeyRow {
  access_key_id: string;
  account_id: string;
  user_name: string | null;
  status: string;
  secret_sealed: string;
  create_date: number | string;
  last_used_date: number | string | null;
  last_used_service: string | null;
  last_used_region: string | null;
}

const toAccessKey = (r: AccessKeyRow): AccessKey =>
  compact({
    accessKeyId: r.access_key_id,
    accountId: r.account_id,
    userName: r.user_name,
    status: r.status as AccessKey['status'],
    secretSealed: r.secret_sealed,
    createDate: num(r.create_date),
    lastUsedDate: optNum(r.last_used_date),
    lastUsedService: optStr(r.last_used_service),
    lastUsedRegion: optStr(r.last_used_region),
  });

const ownerLower = (userName: string | null): string | null => (userName === null ? null : fold(userName));

export class SqlAccessKeyRepository implements AccessKeyRepository {
  constructor(private readonly d: SqlDriver) {}

  async create(key: AccessKey): Promise<void> {
    await insertUnique(
      this.d,
      `INSERT INTO access_keys (access_key_id, account_id, user_name, owner_lower, status, secret_sealed, create_date,
         last_used_date, last_used_service, last_used_region)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      [
        key.accessKeyId,
        key.accountId,
        key.userName,
        ownerLower(key.userName),
        key.status,
        key.secretSealed,
        key.createDate,
        orNull(key.lastUsedDate),
        orNull(key.lastUsedService),
        orNull(key.lastUsedRegion),
      ],
      `access key ${key.accessKeyId}`,
    );
  }

  async get(accessKeyId: string): Promise<AccessKey | undefined> {
    const rows = await this.d.query<AccessKeyRow>('SELECT * FROM access_keys WHERE access_key_id = ?', [accessKeyId]);
    return rows[0] && toAccessKey(rows[0]);
  }

  async listForOwner(accountId: string, userName: string | null): Promise<AccessKey[]> {
    // Two statements rather than `owner_lower = ? OR ? IS NULL`: PostgreSQL cannot type a bare `? IS NULL`.
    const rows =
      userName === null
        ? await this.d.query<AccessKeyRow>(
            'SELECT * FROM access_keys WHERE account_id = ? AND owner_lower IS NULL ORDER BY create_date, access_key_id',
            [accountId],
          )
        : await this.d.query<AccessKeyRow>(
            'SELECT * FROM access_keys WHERE account_id = ? AND owner_lower = ? ORDER BY create_date, access_key_id',
            [accountId, fold(userName)],
          );
    return rows.map(toAccessKey);
  }

  /** Replaces every field except the id and the account. */
  async update(key: AccessKey): Promise<boolean> {
    const changed = await this.d.run(
      `UPDATE access_keys SET user_name = ?, owner_lower = ?, status = ?, secret_sealed = ?, create_date = ?,
         last_used_date = ?, last_used_service = ?, last_used_region = ?
       WHERE access_key_id = ? AND account_id = ?`,
      [
        key.userName,
        ownerLower(key.userName),
        key.status,
        key.secretSealed,
        key.createDate,
        orNull(key.lastUsedDate),
        orNull(key.lastUsedService),
        orNull(key.lastUsedRegion),
        key.accessKeyId,
        key.accountId,
      ],
    );
    return changed > 0;
  }

  async delete(accessKeyId: string): Promise<boolean> {
    return (await this.d.run('DELETE FROM access_keys WHERE access_key_id = ?', [accessKeyId])) > 0;
  }

  async renameOwner(accountId: string, oldUserName: string, newUserName: string): Promise<void> {
    await this.d.run('UPDATE access_keys SET user_name = ?, owner_lower = ? WHERE account_id = ? AND owner_lower = ?', [
      newUserName,
      fold(newUserName),
      accountId,
      fold(oldUserName),
    ]);
  }
}
