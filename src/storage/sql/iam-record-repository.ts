import type { IamRecord, IamRecordRepository, ListOptions, Page } from '../store.js';
import type { SqlDriver } from './driver.js';
import { pageSql, toPage } from './paging.js';
import { compact, fold, num, optStr, orNull } from './rows.js';
import { insertUnique } from './writes.js';

interface IamRecordRow {
  kind: string;
  account_id: string;
  name: string;
  name_lower: string;
  path: string;
  owner_id: string | null;
  create_date: number | string;
  body: string;
}

const toRecord = (r: IamRecordRow): IamRecord =>
  compact({
    kind: r.kind,
    accountId: r.account_id,
    name: r.name,
    path: r.path,
    ownerId: optStr(r.owner_id),
    createDate: num(r.create_date),
    body: r.body,
  });

const recordSortKey = (r: IamRecordRow): [string, string] => [r.name_lower, r.name];

export class SqlIamRecordRepository implements IamRecordRepository {
  constructor(private readonly d: SqlDriver) {}

  async create(record: IamRecord): Promise<void> {
    await insertUnique(
      this.d,
      `INSERT INTO iam_records (kind, account_id, name, name_lower, path, owner_id, create_date, body)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      [record.kind, record.accountId, record.name, fold(record.name), record.path, orNull(record.ownerId), record.createDate, record.body],
      `${record.kind} ${record.name}`,
    );
  }

  async get(kind: string, accountId: string, name: string): Promise<IamRecord | undefined> {
    const rows = await this.d.query<IamRecordRow>('SELECT * FROM iam_records WHERE kind = ? AND account_id = ? AND name_lower = ?', [
      kind,
      accountId,
      fold(name),
    ]);
    return rows[0] && toRecord(rows[0]);
  }

  async list(kind: string, accountId: string, options: ListOptions & { ownerId?: string }): Promise<Page<IamRecord>> {
    const p = pageSql(options, { folded: 'name_lower', exact: 'name', path: 'path' });
    const owner = options.ownerId === undefined ? '' : ' AND owner_id = ?';
    const rows = await this.d.query<IamRecordRow>(
      `SELECT * FROM iam_records WHERE kind = ? AND account_id = ?${owner}${p.where}${p.tail}`,
      [kind, accountId, ...(options.ownerId === undefined ? [] : [options.ownerId]), ...p.whereParams, ...p.tailParams],
    );
    return toPage(rows, options.limit, toRecord, recordSortKey);
  }

  async listForOwner(kind: string, ownerId: string): Promise<IamRecord[]> {
    const rows = await this.d.query<IamRecordRow>(
      'SELECT * FROM iam_records WHERE kind = ? AND owner_id = ? ORDER BY name_lower, name, account_id',
      [kind, ownerId],
    );
    return rows.map(toRecord);
  }

  async update(record: IamRecord): Promise<boolean> {
    const changed = await this.d.run(
      'UPDATE iam_records SET path = ?, owner_id = ?, body = ? WHERE kind = ? AND account_id = ? AND name_lower = ?',
      [record.path, orNull(record.ownerId), record.body, record.kind, record.accountId, fold(record.name)],
    );
    return changed > 0;
  }

  async delete(kind: string, accountId: string, name: string): Promise<boolean> {
    return (
      (await this.d.run('DELETE FROM iam_records WHERE kind = ? AND account_id = ? AND name_lower = ?', [kind, accountId, fold(name)])) > 0
    );
  }

  async count(kind: string, accountId: string, ownerId?: string): Promise<number> {
    const owner = ownerId === undefined ? '' : ' AND owner_id = ?';
    const rows = await this.d.query<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM iam_records WHERE kind = ? AND account_id = ?${owner}`,
      [kind, accountId, ...(ownerId === undefined ? [] : [ownerId])],
    );
    return num(rows[0]?.n ?? 0);
  }
}
