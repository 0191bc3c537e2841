import {
  type AuditEventQuery,
  type AuditEventRecord,
  type AuditEventRepository,
  type AuditResource,
  InvalidMarkerError,
  type Page,
} from '../store.js';
import type { SqlDriver, SqlValue } from './driver.js';
import { decodeMarker, encodeMarker } from './paging.js';
import { compact, num, optStr } from './rows.js';

interface AuditEventRow {
  event_id: string;
  account_id: string;
  event_time: number | string;
  event_name: string;
  event_source: string;
  read_only: number | string;
  username: string | null;
  access_key_id: string | null;
  resources: string;
  body: string;
}

const toRecord = (r: AuditEventRow): AuditEventRecord =>
  compact({
    eventId: r.event_id,
    accountId: r.account_id,
    eventTime: num(r.event_time),
    eventName: r.event_name,
    eventSource: r.event_source,
    readOnly: num(r.read_only) === 1,
    username: optStr(r.username),
    accessKeyId: optStr(r.access_key_id),
    resources: JSON.parse(r.resources) as AuditResource[],
    body: r.body,
  });

/** Rows per multi-row INSERT: few round trips, well under either database's parameter limit. */
const ROWS_PER_INSERT = 50;

/** Column filters for the attributes that live on the event row. */
const EVENT_COLUMNS: Partial<Record<NonNullable<AuditEventQuery['attribute']>['key'], string>> = {
  EventId: 'event_id',
  EventName: 'event_name',
  Username: 'username',
  EventSource: 'event_source',
  AccessKeyId: 'access_key_id',
};

export class SqlAuditEventRepository implements AuditEventRepository {
  constructor(private readonly d: SqlDriver) {}

  async append(events: readonly AuditEventRecord[]): Promise<void> {
    if (events.length === 0) return;
    // One transaction per batch: all of it is stored or none (a savepoint inside a caller's).
    await this.d.transaction(async (tx) => {
      for (let i = 0; i < events.length; i += ROWS_PER_INSERT) {
        const chunk = events.slice(i, i + ROWS_PER_INSERT);
        await tx.run(
          `INSERT INTO audit_events (event_id, account_id, event_time, event_name, event_source, read_only, username,
             access_key_id, resources, body) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
          chunk.flatMap((e) => [
            e.eventId,
            e.accountId,
            e.eventTime,
            e.eventName,
            e.eventSource,
            e.readOnly ? 1 : 0,
            e.username ?? null,
            e.accessKeyId ?? null,
            JSON.stringify(e.resources.map((r) => ({ type: r.type, name: r.name }))),
            e.body,
          ]),
        );
      }
      const resources = events.flatMap((e) =>
        e.resources.map((r, ordinal) => [e.eventId, ordinal, e.accountId, e.eventTime, r.type, r.name]),
      );
      for (let i = 0; i < resources.length; i += ROWS_PER_INSERT) {
        const chunk = resources.slice(i, i + ROWS_PER_INSERT);
        await tx.run(
          `INSERT INTO audit_event_resources (event_id, ordinal, account_id, event_time, resource_type, resource_name)
           VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
          chunk.flat(),
        );
      }
    });
  }

  async query(q: AuditEventQuery): Promise<Page<AuditEventRecord>> {
    if (!Number.isInteger(q.limit) || q.limit < 1) throw new Error(`page limit must be a positive integer, got ${q.limit}`);
    let where = 'account_id = ?';
    const params: SqlValue[] = [q.accountId];
    if (q.from !== undefined) {
      where += ' AND event_time >= ?';
      params.push(q.from);
    }
    if (q.to !== undefined) {
      where += ' AND event_time <= ?';
      params.push(q.to);
    }
    if (q.attribute) {
      const { key, value } = q.attribute;
      const column = EVENT_COLUMNS[key];
      if (column) {
        where += ` AND ${column} = ?`;
        params.push(value);
      } else if (key === 'ReadOnly') {
        where += ' AND read_only = ?';
        params.push(value === 'true' ? 1 : 0);
      } else {
        const resourceColumn = key === 'ResourceType' ? 'resource_type' : 'resource_name';
        where += ` AND event_id IN (SELECT event_id FROM audit_event_resources WHERE account_id = ? AND ${resourceColumn} = ?)`;
        params.push(q.accountId, value);
      }
    }
    if (q.after !== undefined) {
      const [time, eventId] = decodeMarker(q.after);
      const at = Number(time);
      if (time === '' || !Number.isSafeInteger(at)) throw new InvalidMarkerError();
      where += ' AND (event_time < ? OR (event_time = ? AND event_id < ?))';
      params.push(at, at, eventId);
    }
    const rows = await this.d.query<AuditEventRow>(
      `SELECT * FROM audit_events WHERE ${where} ORDER BY event_time DESC, event_id DESC LIMIT ?`,
      [...params, q.limit + 1],
    );
    if (rows.length <= q.limit) return { items: rows.map(toRecord) };
    const shown = rows.slice(0, q.limit);
    const last = shown[shown.length - 1]!;
    return { items: shown.map(toRecord), nextMarker: encodeMarker([String(num(last.event_time)), last.event_id]) };
  }
}
