import type { ListOptions, MfaAssignment, MfaDevice, MfaDeviceRepository, Page } from '../store.js';
import type { SqlDriver } from './driver.js';
import { pageSql, toPage } from './paging.js';
import { compact, fold, num, optNum, optStr, orNull, tagsFromText, tagsToText } from './rows.js';
import { insertUnique } from './writes.js';

interface MfaDeviceRow {
  serial_number: string;
  account_id: string;
  device_name: string;
  name_lower: string;
  path: string;
  seed_sealed: string;
  create_date: number | string;
  tags: string;
  user_id: string | null;
  enable_date: number | string | null;
  last_used_step: number | string | null;
}

const toDevice = (r: MfaDeviceRow): MfaDevice =>
  compact({
    accountId: r.account_id,
    serialNumber: r.serial_number,
    deviceName: r.device_name,
    path: r.path,
    seedSealed: r.seed_sealed,
    createDate: num(r.create_date),
    tags: tagsFromText(r.tags),
    userId: optStr(r.user_id),
    enableDate: optNum(r.enable_date),
    lastUsedStep: optNum(r.last_used_step),
  });

const deviceSortKey = (r: MfaDeviceRow): [string, string] => [r.name_lower, r.device_name];

/** `AND …` for an assignment filter ('Any' or none: no filter). */
function assignmentWhere(assignment: MfaAssignment | undefined): string {
  if (assignment === 'Assigned') return ' AND user_id IS NOT NULL';
  if (assignment === 'Unassigned') return ' AND user_id IS NULL';
  return '';
}

export class SqlMfaDeviceRepository implements MfaDeviceRepository {
  constructor(private readonly d: SqlDriver) {}

  async create(device: MfaDevice): Promise<void> {
    await insertUnique(
      this.d,
      `INSERT INTO mfa_devices (serial_number, account_id, device_name, name_lower, path, seed_sealed, create_date, tags,
         user_id, enable_date, last_used_step)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      [
        device.serialNumber,
        device.accountId,
        device.deviceName,
        fold(device.deviceName),
        device.path,
        device.seedSealed,
        device.createDate,
        tagsToText(device.tags),
        orNull(device.userId),
        orNull(device.enableDate),
        orNull(device.lastUsedStep),
      ],
      `MFA device ${device.deviceName}`,
    );
  }

  async get(serialNumber: string): Promise<MfaDevice | undefined> {
    const rows = await this.d.query<MfaDeviceRow>('SELECT * FROM mfa_devices WHERE serial_number = ?', [serialNumber]);
    return rows[0] && toDevice(rows[0]);
  }

  async list(accountId: string, options: ListOptions & { assignment?: MfaAssignment }): Promise<Page<MfaDevice>> {
    // Devices are listed by name whatever their path: ListVirtualMFADevices has no PathPrefix.
    const p = pageSql({ after: options.after, limit: options.limit }, { folded: 'name_lower', exact: 'device_name' });
    const rows = await this.d.query<MfaDeviceRow>(
      `SELECT * FROM mfa_devices WHERE account_id = ?${assignmentWhere(options.assignment)}${p.where}${p.tail}`,
      [accountId, ...p.whereParams, ...p.tailParams],
    );
    return toPage(rows, options.limit, toDevice, deviceSortKey);
  }

  async listForUser(userId: string): Promise<MfaDevice[]> {
    const rows = await this.d.query<MfaDeviceRow>('SELECT * FROM mfa_devices WHERE user_id = ? ORDER BY enable_date, serial_number', [
      userId,
    ]);
    return rows.map(toDevice);
  }

  async update(device: MfaDevice): Promise<boolean> {
    const changed = await this.d.run(
      `UPDATE mfa_devices SET tags = ?, user_id = ?, enable_date = ?, last_used_step = ?
       WHERE serial_number = ? AND account_id = ?`,
      [
        tagsToText(device.tags),
        orNull(device.userId),
        orNull(device.enableDate),
        orNull(device.lastUsedStep),
        device.serialNumber,
        device.accountId,
      ],
    );
    return changed > 0;
  }

  async delete(accountId: string, serialNumber: string): Promise<boolean> {
    return (await this.d.run('DELETE FROM mfa_devices WHERE serial_number = ? AND account_id = ?', [serialNumber, accountId])) > 0;
  }

  async count(accountId: string, assignment?: MfaAssignment): Promise<number> {
    const rows = await this.d.query<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM mfa_devices WHERE account_id = ?${assignmentWhere(assignment)}`,
      [accountId],
    );
    return num(rows[0]?.n ?? 0);
  }
}
