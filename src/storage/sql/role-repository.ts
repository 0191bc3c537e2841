import type { Role } from '../../model/entities.js';
import type { ListOptions, Page, RoleRepository } from '../store.js';
import type { SqlDriver } from './driver.js';
import { pageSql, toPage } from './paging.js';
import { compact, fold, num, optNum, optStr, orNull, tagsFromText, tagsToText } from './rows.js';
import { insertUnique, updateUnique } from './writes.js';

interface RoleRow {
  role_id: string;
  account_id: string;
  role_name: string;
  name_lower: string;
  path: string;
  arn: string;
  create_date: number | string;
  assume_role_policy_document: string;
  description: string | null;
  max_session_duration: number | string;
  permissions_boundary_arn: string | null;
  tags: string;
  last_used_date: number | string | null;
  last_used_region: string | null;
}

const toRole = (r: RoleRow): Role =>
  compact({
    accountId: r.account_id,
    roleName: r.role_name,
    roleId: r.role_id,
    path: r.path,
    arn: r.arn,
    createDate: num(r.create_date),
    assumeRolePolicyDocument: r.assume_role_policy_document,
    description: optStr(r.description),
    maxSessionDuration: num(r.max_session_duration),
    permissionsBoundaryArn: optStr(r.permissions_boundary_arn),
    tags: tagsFromText(r.tags),
    lastUsedDate: optNum(r.last_used_date),
    lastUsedRegion: optStr(r.last_used_region),
  });

const roleSortKey = (r: RoleRow): [string, string] => [r.name_lower, r.role_name];

export class SqlRoleRepository implements RoleRepository {
  constructor(private readonly d: SqlDriver) {}

  async create(role: Role): Promise<void> {
    await insertUnique(
      this.d,
      `INSERT INTO roles (role_id, account_id, role_name, name_lower, path, arn, create_date, assume_role_policy_document,
         description, max_session_duration, permissions_boundary_arn, tags, last_used_date, last_used_region)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      [
        role.roleId,
        role.accountId,
        role.roleName,
        fold(role.roleName),
        role.path,
        role.arn,
        role.createDate,
        role.assumeRolePolicyDocument,
        orNull(role.description),
        role.maxSessionDuration,
        orNull(role.permissionsBoundaryArn),
        tagsToText(role.tags),
        orNull(role.lastUsedDate),
        orNull(role.lastUsedRegion),
      ],
      `role ${role.roleName}`,
    );
  }

  async getByName(accountId: string, roleName: string): Promise<Role | undefined> {
    const rows = await this.d.query<RoleRow>('SELECT * FROM roles WHERE account_id = ? AND name_lower = ?', [accountId, fold(roleName)]);
    return rows[0] && toRole(rows[0]);
  }

  async getById(roleId: string): Promise<Role | undefined> {
    const rows = await this.d.query<RoleRow>('SELECT * FROM roles WHERE role_id = ?', [roleId]);
    return rows[0] && toRole(rows[0]);
  }

  async list(accountId: string, options: ListOptions): Promise<Page<Role>> {
    const p = pageSql(options, { folded: 'name_lower', exact: 'role_name', path: 'path' });
    const rows = await this.d.query<RoleRow>(`SELECT * FROM roles WHERE account_id = ?${p.where}${p.tail}`, [
      accountId,
      ...p.whereParams,
      ...p.tailParams,
    ]);
    return toPage(rows, options.limit, toRole, roleSortKey);
  }

  async update(role: Role): Promise<boolean> {
    const changed = await updateUnique(
      this.d,
      `UPDATE roles SET role_name = ?, name_lower = ?, path = ?, arn = ?, create_date = ?, assume_role_policy_document = ?,
         description = ?, max_session_duration = ?, permissions_boundary_arn = ?, tags = ?, last_used_date = ?,
         last_used_region = ?
       WHERE role_id = ? AND account_id = ?`,
      [
        role.roleName,
        fold(role.roleName),
        role.path,
        role.arn,
        role.createDate,
        role.assumeRolePolicyDocument,
        orNull(role.description),
        role.maxSessionDuration,
        orNull(role.permissionsBoundaryArn),
        tagsToText(role.tags),
        orNull(role.lastUsedDate),
        orNull(role.lastUsedRegion),
        role.roleId,
        role.accountId,
      ],
      `role ${role.roleName}`,
    );
    return changed > 0;
  }

  /** Also removes the role's inline policies and attachments (see users.delete). */
  async delete(accountId: string, roleId: string): Promise<boolean> {
    return this.d.transaction(async (tx) => {
      if ((await tx.run('DELETE FROM roles WHERE role_id = ? AND account_id = ?', [roleId, accountId])) === 0) return false;
      await tx.run("DELETE FROM inline_policies WHERE owner_kind = 'role' AND owner_id = ?", [roleId]);
      await tx.run("DELETE FROM attachments WHERE owner_kind = 'role' AND owner_id = ?", [roleId]);
      return true;
    });
  }

  async count(accountId: string): Promise<number> {
    const rows = await this.d.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM roles WHERE account_id = ?', [accountId]);
    return num(rows[0]?.n ?? 0);
  }
}
