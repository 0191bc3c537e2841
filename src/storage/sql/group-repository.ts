import type { Group, User } from '../../model/entities.js';
import type { GroupRepository, ListOptions, Page } from '../store.js';
import type { SqlDriver } from './driver.js';
import { pageSql, toPage } from './paging.js';
import { fold, num } from './rows.js';
import { toUser, USER_COLUMNS, userSortKey, type UserRow } from './user-repository.js';
import { insertUnique, updateUnique } from './writes.js';

interface GroupRow {
  group_id: string;
  account_id: string;
  group_name: string;
  name_lower: string;
  path: string;
  arn: string;
  create_date: number | string;
}

const toGroup = (r: GroupRow): Group => ({
  accountId: r.account_id,
  groupName: r.group_name,
  groupId: r.group_id,
  path: r.path,
  arn: r.arn,
  createDate: num(r.create_date),
});

const groupSortKey = (r: GroupRow): [string, string] => [r.name_lower, r.group_name];

const GROUP_COLUMNS = 'g.group_id, g.account_id, g.group_name, g.name_lower, g.path, g.arn, g.create_date';

export class SqlGroupRepository implements GroupRepository {
  constructor(private readonly d: SqlDriver) {}

  async create(group: Group): Promise<void> {
    await insertUnique(
      this.d,
      `INSERT INTO iam_groups (group_id, account_id, group_name, name_lower, path, arn, create_date)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      [group.groupId, group.accountId, group.groupName, fold(group.groupName), group.path, group.arn, group.createDate],
      `group ${group.groupName}`,
    );
  }

  async getByName(accountId: string, groupName: string): Promise<Group | undefined> {
    const rows = await this.d.query<GroupRow>('SELECT * FROM iam_groups WHERE account_id = ? AND name_lower = ?', [
      accountId,
      fold(groupName),
    ]);
    return rows[0] && toGroup(rows[0]);
  }

  async getById(groupId: string): Promise<Group | undefined> {
    const rows = await this.d.query<GroupRow>('SELECT * FROM iam_groups WHERE group_id = ?', [groupId]);
    return rows[0] && toGroup(rows[0]);
  }

  async list(accountId: string, options: ListOptions): Promise<Page<Group>> {
    const p = pageSql(options, { folded: 'name_lower', exact: 'group_name', path: 'path' });
    const rows = await this.d.query<GroupRow>(`SELECT * FROM iam_groups WHERE account_id = ?${p.where}${p.tail}`, [
      accountId,
      ...p.whereParams,
      ...p.tailParams,
    ]);
    return toPage(rows, options.limit, toGroup, groupSortKey);
  }

  async update(group: Group): Promise<boolean> {
    const changed = await updateUnique(
      this.d,
      `UPDATE iam_groups SET group_name = ?, name_lower = ?, path = ?, arn = ?, create_date = ?
       WHERE group_id = ? AND account_id = ?`,
      [group.groupName, fold(group.groupName), group.path, group.arn, group.createDate, group.groupId, group.accountId],
      `group ${group.groupName}`,
    );
    return changed > 0;
  }

  /** Also removes the group's memberships, inline policies and attachments (see users.delete). */
  async delete(accountId: string, groupId: string): Promise<boolean> {
    return this.d.transaction(async (tx) => {
      if ((await tx.run('DELETE FROM iam_groups WHERE group_id = ? AND account_id = ?', [groupId, accountId])) === 0) {
        return false;
      }
      await tx.run('DELETE FROM group_members WHERE group_id = ?', [groupId]);
      await tx.run("DELETE FROM inline_policies WHERE owner_kind = 'group' AND owner_id = ?", [groupId]);
      await tx.run("DELETE FROM attachments WHERE owner_kind = 'group' AND owner_id = ?", [groupId]);
      return true;
    });
  }

  async count(accountId: string): Promise<number> {
    const rows = await this.d.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM iam_groups WHERE account_id = ?', [accountId]);
    return num(rows[0]?.n ?? 0);
  }

  /** Adding an existing member is a no-op (AddUserToGroup is idempotent in AWS). */
  async addMember(groupId: string, userId: string): Promise<void> {
    await this.d.run('INSERT INTO group_members (group_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING', [groupId, userId]);
  }

  async removeMember(groupId: string, userId: string): Promise<boolean> {
    return (await this.d.run('DELETE FROM group_members WHERE group_id = ? AND user_id = ?', [groupId, userId])) > 0;
  }

  async listMembers(groupId: string, options: ListOptions): Promise<Page<User>> {
    const p = pageSql(options, { folded: 'u.name_lower', exact: 'u.user_name', path: 'u.path' });
    const rows = await this.d.query<UserRow>(
      `SELECT ${USER_COLUMNS} FROM group_members m JOIN users u ON u.user_id = m.user_id
       WHERE m.group_id = ?${p.where}${p.tail}`,
      [groupId, ...p.whereParams, ...p.tailParams],
    );
    return toPage(rows, options.limit, toUser, userSortKey);
  }

  async listGroupsForUser(userId: string, options: ListOptions): Promise<Page<Group>> {
    const p = pageSql(options, { folded: 'g.name_lower', exact: 'g.group_name', path: 'g.path' });
    const rows = await this.d.query<GroupRow>(
      `SELECT ${GROUP_COLUMNS} FROM group_members m JOIN iam_groups g ON g.group_id = m.group_id
       WHERE m.user_id = ?${p.where}${p.tail}`,
      [userId, ...p.whereParams, ...p.tailParams],
    );
    return toPage(rows, options.limit, toGroup, groupSortKey);
  }
}
