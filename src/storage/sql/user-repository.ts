import type { User } from '../../model/entities.js';
import type { ListOptions, Page, UserRepository } from '../store.js';
import type { SqlDriver } from './driver.js';
import { pageSql, toPage } from './paging.js';
import { compact, fold, num, optStr, orNull, tagsFromText, tagsToText } from './rows.js';
import { insertUnique, updateUnique } from './writes.js';

export interface UserRow {
  user_id: string;
  account_id: string;
  user_name: string;
  name_lower: string;
  path: string;
  arn: string;
  create_date: number | string;
  permissions_boundary_arn: string | null;
  tags: string;
}

export const toUser = (r: UserRow): User =>
  compact({
    accountId: r.account_id,
    userName: r.user_name,
    userId: r.user_id,
    path: r.path,
    arn: r.arn,
    createDate: num(r.create_date),
    permissionsBoundaryArn: optStr(r.permissions_boundary_arn),
    tags: tagsFromText(r.tags),
  });

export const userSortKey = (r: UserRow): [string, string] => [r.name_lower, r.user_name];

/** Columns of `users` for a query that joins it under the alias `u`. */
export const USER_COLUMNS =
  'u.user_id, u.account_id, u.user_name, u.name_lower, u.path, u.arn, u.create_date, u.permissions_boundary_arn, u.tags';

export class SqlUserRepository implements UserRepository {
  constructor(private readonly d: SqlDriver) {}

  async create(user: User): Promise<void> {
    await insertUnique(
      this.d,
      `INSERT INTO users (user_id, account_id, user_name, name_lower, path, arn, create_date, permissions_boundary_arn, tags)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      [
        user.userId,
        user.accountId,
        user.userName,
        fold(user.userName),
        user.path,
        user.arn,
        user.createDate,
        orNull(user.permissionsBoundaryArn),
        tagsToText(user.tags),
      ],
      `user ${user.userName}`,
    );
  }

  async getByName(accountId: string, userName: string): Promise<User | undefined> {
    const rows = await this.d.query<UserRow>('SELECT * FROM users WHERE account_id = ? AND name_lower = ?', [accountId, fold(userName)]);
    return rows[0] && toUser(rows[0]);
  }

  async getById(userId: string): Promise<User | undefined> {
    const rows = await this.d.query<UserRow>('SELECT * FROM users WHERE user_id = ?', [userId]);
    return rows[0] && toUser(rows[0]);
  }

  async list(accountId: string, options: ListOptions): Promise<Page<User>> {
    const p = pageSql(options, { folded: 'name_lower', exact: 'user_name', path: 'path' });
    const rows = await this.d.query<UserRow>(`SELECT * FROM users WHERE account_id = ?${p.where}${p.tail}`, [
      accountId,
      ...p.whereParams,
      ...p.tailParams,
    ]);
    return toPage(rows, options.limit, toUser, userSortKey);
  }

  async update(user: User): Promise<boolean> {
    const changed = await updateUnique(
      this.d,
      `UPDATE users SET user_name = ?, name_lower = ?, path = ?, arn = ?, create_date = ?, permissions_boundary_arn = ?, tags = ?
       WHERE user_id = ? AND account_id = ?`,
      [
        user.userName,
        fold(user.userName),
        user.path,
        user.arn,
        user.createDate,
        orNull(user.permissionsBoundaryArn),
        tagsToText(user.tags),
        user.userId,
        user.accountId,
      ],
      `user ${user.userName}`,
    );
    return changed > 0;
  }

  /**
   * Also removes what hangs off the user — memberships, inline policies, attachments and access
   * keys — so nothing dangles. In particular a key left behind would authenticate as a later
   * user who reuses the name. (Services still refuse DeleteUser while these exist, as AWS does.)
   */
  async delete(accountId: string, userId: string): Promise<boolean> {
    return this.d.transaction(async (tx) => {
      const rows = await tx.query<UserRow>('SELECT * FROM users WHERE user_id = ? AND account_id = ?', [userId, accountId]);
      const row = rows[0];
      if (!row) return false;
      await tx.run('DELETE FROM users WHERE user_id = ?', [userId]);
      await tx.run('DELETE FROM group_members WHERE user_id = ?', [userId]);
      await tx.run("DELETE FROM inline_policies WHERE owner_kind = 'user' AND owner_id = ?", [userId]);
      await tx.run("DELETE FROM attachments WHERE owner_kind = 'user' AND owner_id = ?", [userId]);
      await tx.run('DELETE FROM access_keys WHERE account_id = ? AND owner_lower = ?', [accountId, row.name_lower]);
      // The user's own IAM records (login profile, SSH keys, certificates, service credentials).
      await tx.run('DELETE FROM iam_records WHERE account_id = ? AND owner_id = ?', [accountId, userId]);
      return true;
    });
  }

  async count(accountId: string): Promise<number> {
    const rows = await this.d.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM users WHERE account_id = ?', [accountId]);
    return num(rows[0]?.n ?? 0);
  }
}
