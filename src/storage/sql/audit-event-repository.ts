import {
  type AuditEventQuery,
  type AuditEventRecord,
  type AuditEventRepository,
  type AuditLookupKey,
  type AuditResource,
  InvalidMarkerError,
  type Page,
} from '../store.js';
import type { AuditBodyFiles, BodyPlace } from './audit-body-files.js';
import { BloomFilter } from './bloom-filter.js';
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
  /** '' when the body is kept in a file (body_file, body_at, body_bytes: migration 7). */
  body: string;
  body_file: string | null;
  body_at: number | string | null;
  body_bytes: number | string | null;
}

interface BlockRow {
  first_seq: number | string;
  last_seq: number | string;
  max_time: number | string;
  filter: string;
}

const toRecord = (r: AuditEventRow, body: string): AuditEventRecord =>
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
    body,
  });

const EVENT_COLUMNS =
  'event_id, account_id, event_time, event_name, event_source, read_only, username, access_key_id, resources, body, body_file, body_at, body_bytes';
const EVENT_COLUMN_COUNT = 13;

/** Rows per multi-row INSERT: few round trips, well under either database's parameter limit. */
const ROWS_PER_INSERT = 50;

/** Blocks whose filters are read per query of a lookup. */
const BLOCKS_PER_READ = 256;

/** Matching blocks whose events are read at once, doubling each time (a common value stops after the first). */
const FIRST_BLOCK_STEP = 2;

/**
 * The audit history (schema: migration 6, "audit log, narrow"). Appending is the hot side — every
 * request writes one event — so an event row has two index entries (time order, event id), and
 * the other LookupEvents attributes are answered through `audit_log_blocks`: per written batch and
 * account, the seq range of its events and a Bloom filter of their `attribute:value`s. A lookup
 * reads the account's blocks newest first, skips those whose filter rules the value out, and reads
 * the events of the rest, checking the value on each row; with no attribute, or an EventId, the
 * indexes on the event rows answer directly.
 */
export class SqlAuditEventRepository implements AuditEventRepository {
  /** `files`: where bodies go instead of the body column (the SQLite backend's folder beside the database). */
  constructor(
    private readonly d: SqlDriver,
    private readonly files?: AuditBodyFiles,
  ) {}

  async append(events: readonly AuditEventRecord[]): Promise<void> {
    if (events.length === 0) return;
    const files = this.files;
    // Bodies first, on disk before the rows that point at them are committed. A batch that is
    // then refused (a duplicate event id) leaves its bodies as bytes no row points at.
    let places = files === undefined ? undefined : await files.place(events);
    // One transaction per batch: all of it is stored or none (a savepoint inside a caller's).
    await this.d.transaction(async (tx) => {
      // Again under the write lock, which the store's reset also takes: a body whose file the
      // reset removed meanwhile is written again (the others keep their places, no write).
      if (files !== undefined) places = await files.place(events);
      // Each account's seq range, from what the inserts return (in no promised order).
      const seqs = new Map<string, SeqRange>();
      for (let i = 0; i < events.length; i += ROWS_PER_INSERT) {
        const chunk = events.slice(i, i + ROWS_PER_INSERT);
        const params: SqlValue[] = [];
        for (const [j, e] of chunk.entries()) {
          const place = places?.[i + j];
          params.push(
            e.eventId,
            e.accountId,
            e.eventTime,
            e.eventName,
            e.eventSource,
            e.readOnly ? 1 : 0,
            e.username ?? null,
            e.accessKeyId ?? null,
            resourcesColumn(e.resources),
            place === undefined ? e.body : '',
            place?.file ?? null,
            place?.at ?? null,
            place?.bytes ?? null,
          );
        }
        const inserted = await tx.query<{ seq: number | string; account_id: string }>(insertSql(chunk.length), params);
        for (const row of inserted) {
          const seq = num(row.seq);
          const range = seqs.get(row.account_id);
          if (range === undefined) seqs.set(row.account_id, { first: seq, last: seq });
          else {
            range.first = Math.min(range.first, seq);
            range.last = Math.max(range.last, seq);
          }
        }
      }
      for (const block of blocksOf(events, seqs)) {
        await tx.run(
          'INSERT INTO audit_log_blocks (account_id, first_seq, last_seq, min_time, max_time, filter) VALUES (?, ?, ?, ?, ?, ?)',
          [block.accountId, block.firstSeq, block.lastSeq, block.minTime, block.maxTime, block.filter.toText()],
        );
      }
    });
  }

  async query(q: AuditEventQuery): Promise<Page<AuditEventRecord>> {
    if (!Number.isInteger(q.limit) || q.limit < 1) throw new Error(`page limit must be a positive integer, got ${q.limit}`);
    const filter = baseFilter(q);
    const attribute = q.attribute;
    let rows: AuditEventRow[];
    if (attribute === undefined) rows = await this.select(filter, q.limit + 1);
    else if (attribute.key === 'EventId') rows = await this.select(and(filter, 'event_id = ?', attribute.value), q.limit + 1);
    else rows = await this.lookup(q, filter, attribute);
    if (rows.length <= q.limit) return { items: await this.recordsOf(rows) };
    const shown = rows.slice(0, q.limit);
    const last = shown[shown.length - 1]!;
    return { items: await this.recordsOf(shown), nextMarker: encodeMarker([String(num(last.event_time)), last.event_id]) };
  }

  /** The page's records, with the bodies kept in files read from there. */
  private async recordsOf(rows: AuditEventRow[]): Promise<AuditEventRecord[]> {
    const inFiles: number[] = [];
    const places: BodyPlace[] = [];
    rows.forEach((r, i) => {
      if (r.body_file === null) return;
      inFiles.push(i);
      places.push({ file: r.body_file, at: num(r.body_at ?? 0), bytes: num(r.body_bytes ?? 0) });
    });
    const bodies = rows.map((r) => r.body);
    if (places.length > 0) {
      const read = this.files === undefined ? [] : await this.files.read(places);
      inFiles.forEach((rowIndex, i) => (bodies[rowIndex] = read[i] ?? lostBody(rows[rowIndex]!)));
    }
    return rows.map((r, i) => toRecord(r, bodies[i]!));
  }

  /**
   * Events with one attribute value, newest first: the account's blocks in order of their newest
   * event, those whose filter may hold the value read a few at a time; done once limit+1 events are
   * in hand that are all newer than anything a block not yet read can hold.
   */
  private async lookup(q: AuditEventQuery, filter: Filter, attribute: { key: AuditLookupKey; value: string }): Promise<AuditEventRow[]> {
    const wanted = q.limit + 1;
    const item = `${attribute.key}:${lookupValue(attribute.key, attribute.value)}`;
    const valueFilter = and(filter, ...attributeCondition(this.d, attribute.key, attribute.value));
    let blockWhere = 'account_id = ?';
    const blockParams: SqlValue[] = [q.accountId];
    if (q.from !== undefined) {
      blockWhere += ' AND max_time >= ?';
      blockParams.push(q.from);
    }
    const newest = Math.min(q.to ?? Infinity, filter.markerTime ?? Infinity);
    if (newest !== Infinity) {
      blockWhere += ' AND min_time <= ?';
      blockParams.push(newest);
    }
    let found: AuditEventRow[] = [];
    let step = FIRST_BLOCK_STEP;
    let pending: BlockRow[] = [];
    for (let offset = 0; ; offset += BLOCKS_PER_READ) {
      const blocks = await this.d.query<BlockRow>(
        `SELECT first_seq, last_seq, max_time, filter FROM audit_log_blocks WHERE ${blockWhere}
         ORDER BY max_time DESC, first_seq DESC LIMIT ? OFFSET ?`,
        [...blockParams, BLOCKS_PER_READ, offset],
      );
      for (const [i, block] of blocks.entries()) {
        if (block.filter !== '' && BloomFilter.fromText(block.filter)?.mayHave(item) === false) continue;
        pending.push(block);
        if (pending.length < step) continue;
        found = await this.readBlocks(valueFilter, pending, found, wanted);
        pending = [];
        step *= 2;
        // A block not read yet holds nothing newer than its max_time; equal times still need reading.
        const next = blocks[i + 1];
        if (next !== undefined && found.length === wanted && num(found[wanted - 1]!.event_time) > num(next.max_time)) return found;
      }
      if (blocks.length < BLOCKS_PER_READ) return pending.length > 0 ? this.readBlocks(valueFilter, pending, found, wanted) : found;
    }
  }

  /** The matching events of some blocks merged into those found so far (newest first, at most `wanted`). */
  private async readBlocks(filter: Filter, blocks: BlockRow[], found: AuditEventRow[], wanted: number): Promise<AuditEventRow[]> {
    const inBlocks = blocks.map(() => 'seq BETWEEN ? AND ?').join(' OR ');
    // SQLite would walk the account's whole time index and test each row against the ranges;
    // NOT INDEXED leaves it the rowid ranges themselves (PostgreSQL's planner finds them unaided).
    const table = this.d.dialect.name === 'sqlite' ? 'audit_log NOT INDEXED' : 'audit_log';
    const rows = await this.select(
      and(filter, `(${inBlocks})`, ...blocks.flatMap((b) => [num(b.first_seq), num(b.last_seq)])),
      wanted,
      table,
    );
    return found.concat(rows).sort(newestFirst).slice(0, wanted);
  }

  private select(filter: Filter, limit: number, table = 'audit_log'): Promise<AuditEventRow[]> {
    return this.d.query<AuditEventRow>(
      `SELECT ${EVENT_COLUMNS} FROM ${table} WHERE ${filter.where} ORDER BY event_time DESC, event_id DESC LIMIT ?`,
      [...filter.params, limit],
    );
  }
}

interface Filter {
  where: string;
  params: SqlValue[];
  /** The marker's time: nothing newer belongs on this page. */
  markerTime?: number;
}

/** Account, time window and the page marker; `t` qualifies the columns (`e.` in a join). */
function baseFilter(q: AuditEventQuery, t = ''): Filter {
  let where = `${t}account_id = ?`;
  const params: SqlValue[] = [q.accountId];
  if (q.from !== undefined) {
    where += ` AND ${t}event_time >= ?`;
    params.push(q.from);
  }
  if (q.to !== undefined) {
    where += ` AND ${t}event_time <= ?`;
    params.push(q.to);
  }
  if (q.after === undefined) return { where, params };
  const [time, eventId] = decodeMarker(q.after);
  const at = Number(time);
  if (time === '' || !Number.isSafeInteger(at)) throw new InvalidMarkerError();
  where += ` AND (${t}event_time < ? OR (${t}event_time = ? AND ${t}event_id < ?))`;
  params.push(at, at, eventId);
  return { where, params, markerTime: at };
}

function and(filter: Filter, condition: string, ...params: SqlValue[]): Filter {
  return { ...filter, where: `${filter.where} AND ${condition}`, params: [...filter.params, ...params] };
}

/** The check of one attribute value on the event row itself. */
function attributeCondition(d: SqlDriver, key: AuditLookupKey, value: string): [string, ...SqlValue[]] {
  switch (key) {
    case 'EventId':
      return ['event_id = ?', value];
    case 'EventName':
      return ['event_name = ?', value];
    case 'EventSource':
      return ['event_source = ?', value];
    case 'Username':
      return ['username = ?', value];
    case 'AccessKeyId':
      return ['access_key_id = ?', value];
    case 'ReadOnly':
      return ['read_only = ?', value === 'true' ? 1 : 0];
    case 'ResourceType':
    case 'ResourceName': {
      // The resources column is the JSON of [{"type":…,"name":…}]: the member with its exact value.
      const member = key === 'ResourceType' ? `"type":${JSON.stringify(value)},` : `"name":${JSON.stringify(value)}}`;
      return [d.dialect.name === 'sqlite' ? 'instr(resources, ?) > 0' : 'strpos(resources, ?) > 0', member];
    }
  }
}

/** ReadOnly is a boolean: anything but `true` asks for the writes, as the column check does. */
function lookupValue(key: AuditLookupKey, value: string): string {
  return key === 'ReadOnly' ? String(value === 'true') : value;
}

function resourcesColumn(resources: readonly AuditResource[]): string {
  return JSON.stringify(resources.map((r) => ({ type: r.type, name: r.name })));
}

interface Block {
  accountId: string;
  firstSeq: number;
  lastSeq: number;
  minTime: number;
  maxTime: number;
  filter: BloomFilter;
}

interface SeqRange {
  first: number;
  last: number;
}

/**
 * The distinct lookup values of one account's events in a batch, per attribute. Collected as the
 * values themselves and joined to their `attribute:value` items once each: most repeat from event
 * to event, and a Set of freshly joined strings made and hashed about ten new strings an event.
 */
class AccountValues {
  minTime = Infinity;
  maxTime = -Infinity;
  readonly eventNames = new Set<string>();
  readonly eventSources = new Set<string>();
  readonly readOnly = new Set<boolean>();
  readonly usernames = new Set<string>();
  readonly accessKeyIds = new Set<string>();
  readonly resourceTypes = new Set<string>();
  readonly resourceNames = new Set<string>();

  add(e: AuditEventRecord): void {
    this.minTime = Math.min(this.minTime, e.eventTime);
    this.maxTime = Math.max(this.maxTime, e.eventTime);
    this.eventNames.add(e.eventName);
    this.eventSources.add(e.eventSource);
    this.readOnly.add(e.readOnly);
    if (e.username !== undefined) this.usernames.add(e.username);
    if (e.accessKeyId !== undefined) this.accessKeyIds.add(e.accessKeyId);
    for (const r of e.resources) {
      this.resourceTypes.add(r.type);
      this.resourceNames.add(r.name);
    }
  }

  /** A filter of every `attribute:value` (the attribute names keep the values of one apart from another's). */
  filter(): BloomFilter {
    const groups: [string, ReadonlySet<string | boolean>][] = [
      ['EventName', this.eventNames],
      ['EventSource', this.eventSources],
      ['ReadOnly', this.readOnly],
      ['Username', this.usernames],
      ['AccessKeyId', this.accessKeyIds],
      ['ResourceType', this.resourceTypes],
      ['ResourceName', this.resourceNames],
    ];
    let count = 0;
    for (const [, values] of groups) count += values.size;
    const filter = BloomFilter.forCount(count);
    for (const [attribute, values] of groups) for (const value of values) filter.add(`${attribute}:${String(value)}`);
    return filter;
  }
}

/** Per account of a batch: the seq range and times of its events, and a filter of every lookup value. */
function blocksOf(events: readonly AuditEventRecord[], seqs: ReadonlyMap<string, SeqRange>): Block[] {
  const byAccount = new Map<string, AccountValues>();
  for (const e of events) {
    let values = byAccount.get(e.accountId);
    if (values === undefined) byAccount.set(e.accountId, (values = new AccountValues()));
    values.add(e);
  }
  const blocks: Block[] = [];
  for (const [accountId, values] of byAccount) {
    const range = seqs.get(accountId)!;
    blocks.push({
      accountId,
      firstSeq: range.first,
      lastSeq: range.last,
      minTime: values.minTime,
      maxTime: values.maxTime,
      filter: values.filter(),
    });
  }
  return blocks;
}

function newestFirst(a: AuditEventRow, b: AuditEventRow): number {
  const dt = num(b.event_time) - num(a.event_time);
  if (dt !== 0) return dt;
  return a.event_id < b.event_id ? 1 : a.event_id > b.event_id ? -1 : 0;
}

/** The multi-row INSERT for `rows` events, made once per row count (the driver caches its statement by this text). */
const insertSqls = new Map<number, string>();

function insertSql(rows: number): string {
  let sql = insertSqls.get(rows);
  if (sql === undefined) {
    const row = `(${new Array<string>(EVENT_COLUMN_COUNT).fill('?').join(', ')})`;
    sql = `INSERT INTO audit_log (${EVENT_COLUMNS}) VALUES ${new Array<string>(rows).fill(row).join(', ')} RETURNING seq, account_id`;
    insertSqls.set(rows, sql);
  }
  return sql;
}

/**
 * An event whose body file is gone or was cut short (the folder not restored with the database,
 * or a power cut between the two reaching disk) still shows what its row knows, and says so.
 */
function lostBody(r: AuditEventRow): string {
  return JSON.stringify({
    eventVersion: '1.08',
    eventTime: new Date(num(r.event_time)).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    eventSource: r.event_source,
    eventName: r.event_name,
    readOnly: num(r.read_only) === 1,
    eventID: r.event_id,
    recipientAccountId: r.account_id,
    additionalEventData: {
      keysmithNote: `the full record of this event is missing from ${r.body_file ?? 'its file'} in the audit-bodies folder; these fields are from its index row`,
    },
  });
}
