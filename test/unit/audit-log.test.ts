import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from '../support/node-test.js';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AuditInput } from '../../src/audit/audit-input.js';
import { type AuditRecord, auditRecordOf } from '../../src/audit/audit-record.js';
import { AuditLog, type AuditLogOptions } from '../../src/audit/audit-log.js';
import type { BuiltEvent } from '../../src/audit/build-events.js';
import { auditFilePath } from '../../src/audit/create-audit-log.js';
import type { EventSink } from '../../src/audit/event-sink.js';
import { FileSink } from '../../src/audit/file-sink.js';
import type { Logger } from '../../src/kernel/logger.js';

const root = mkdtempSync(join(tmpdir(), 'keysmith-audit-log-'));
after(() => rmSync(root, { recursive: true, force: true }));

const principal = {
  type: 'User' as const,
  accountId: '111122223333',
  arn: 'arn:aws:iam::111122223333:user/u',
  userId: 'AIDAU',
  userName: 'u',
  entityId: 'AIDAU',
  accessKeyId: 'AKIAU',
  temporary: false as const,
  tags: [],
};

function request(n: number, extra: Partial<AuditInput> = {}): AuditRecord {
  return auditRecordOf({
    requestId: `req-${n}`,
    time: 1_700_000_000_000 + n,
    service: 'sts',
    operation: 'GetCallerIdentity',
    sourceIp: '127.0.0.1',
    userAgent: 'test',
    region: 'us-east-1',
    readOnly: true,
    principal,
    ...extra,
  });
}

/** A sink that remembers its batches and fails while `failing` says so. */
class MemorySink implements EventSink {
  readonly name = 'memory';
  batches: BuiltEvent[][] = [];
  failing: boolean | ((events: readonly BuiltEvent[]) => boolean) = false;
  closed = false;
  async write(events: readonly BuiltEvent[]): Promise<void> {
    await sleep(1);
    if (this.failing === true || (typeof this.failing === 'function' && this.failing(events))) throw new Error('sink down');
    this.batches.push([...events]);
  }
  async close(): Promise<void> {
    this.closed = true;
  }
  get requestIds(): string[] {
    return this.batches.flat().map((e) => e.event.requestID);
  }
}

function collectingLogger(): Logger & { lines: { level: string; msg: string; fields?: object }[] } {
  const lines: { level: string; msg: string; fields?: object }[] = [];
  const at = (level: string) => (msg: string, fields?: object) => void lines.push({ level, msg, fields });
  return { lines, error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}

function auditLog(sinks: EventSink[], extra: Partial<AuditLogOptions> = {}): AuditLog {
  let n = 0;
  return new AuditLog({
    sinks,
    logger: collectingLogger(),
    dataEvents: false,
    batchSize: 100,
    flushIntervalMs: 60_000,
    maxPending: 10_000,
    newId: () => `event-${++n}`,
    keyAccount: async () => undefined,
    ...extra,
  });
}

describe('audit log: batching off the request path', () => {
  it('record only queues; the interval writes one batch', async () => {
    const sink = new MemorySink();
    const log = auditLog([sink], { flushIntervalMs: 30 });
    for (let i = 0; i < 5; i += 1) log.record(request(i));
    assert.equal(sink.batches.length, 0, 'nothing written synchronously');
    await sleep(120);
    assert.deepEqual(
      sink.batches.map((b) => b.length),
      [5],
    );
    assert.deepEqual(sink.requestIds, ['req-0', 'req-1', 'req-2', 'req-3', 'req-4']);
    await log.close();
  });

  it('a full batch is written at once, in batches of batchSize', async () => {
    const sink = new MemorySink();
    const log = auditLog([sink], { batchSize: 10 });
    for (let i = 0; i < 25; i += 1) log.record(request(i));
    await sleep(50);
    assert.deepEqual(
      sink.batches.map((b) => b.length),
      [10, 10, 5],
      'written without waiting for the (one-minute) interval',
    );
    for (let i = 0; i < 3; i += 1) log.record(request(i));
    await sleep(50);
    assert.equal(sink.batches.length, 3, 'a batch that is not full waits');
    await log.flush();
    assert.deepEqual(
      sink.batches.map((b) => b.length),
      [10, 10, 5, 3],
    );
    await log.close();
  });

  it('close writes out everything still queued and closes the sinks; later records are dropped', async () => {
    const sink = new MemorySink();
    const log = auditLog([sink]);
    for (let i = 0; i < 250; i += 1) log.record(request(i));
    await log.close();
    assert.equal(sink.requestIds.length, 250);
    assert.ok(sink.closed);
    log.record(request(999));
    await log.flush();
    assert.equal(sink.requestIds.length, 250);
  });

  it('a failing sink keeps its events and writes them once it recovers; the other sink is not held up', async () => {
    const down = new MemorySink();
    const up = new MemorySink();
    down.failing = true;
    const logger = collectingLogger();
    const log = auditLog([down, up], { logger });
    log.record(request(1));
    await log.flush();
    log.record(request(2));
    await log.flush();
    assert.deepEqual(up.requestIds, ['req-1', 'req-2']);
    assert.deepEqual(down.requestIds, []);
    assert.equal(logger.lines.filter((l) => l.level === 'error').length, 1, 'logged once, not per retry');
    down.failing = false;
    await log.flush();
    assert.deepEqual(down.requestIds, ['req-1', 'req-2']);
    assert.ok(logger.lines.some((l) => l.msg === 'audit sink recovered'));
    await log.close();
    assert.deepEqual(up.requestIds, ['req-1', 'req-2'], 'never written twice');
  });

  it('an event a sink refuses for good is dropped after a few tries; the rest get through', async () => {
    const sink = new MemorySink();
    sink.failing = (events) => events.some((e) => e.event.requestID === 'req-bad');
    const logger = collectingLogger();
    const log = auditLog([sink], { logger });
    log.record(request(1));
    log.record(request(0, { requestId: 'req-bad' }));
    log.record(request(2));
    for (let i = 0; i < 4; i += 1) await log.flush();
    assert.deepEqual(sink.requestIds, ['req-1', 'req-2']);
    assert.ok(logger.lines.some((l) => l.msg === 'audit event dropped: the sink refuses it'));
    await log.close();
  });

  it('events a sink could not take before shutdown are reported as lost', async () => {
    const sink = new MemorySink();
    sink.failing = true;
    const logger = collectingLogger();
    const log = auditLog([sink], { logger });
    log.record(request(1));
    await log.close();
    assert.ok(logger.lines.some((l) => l.msg === 'audit events were lost' && (l.fields as { count: number }).count === 1));
  });

  it('data events are dropped unless configured', async () => {
    const sink = new MemorySink();
    const off = auditLog([sink]);
    off.record(request(1, { service: 's3', operation: 'GetObject', dataEvent: true }));
    off.record(request(2, { service: 's3', operation: 'ListBuckets' }));
    await off.close();
    assert.deepEqual(sink.requestIds, ['req-2']);
    const on = new MemorySink();
    const log = auditLog([on], { dataEvents: true });
    log.record(request(1, { service: 's3', operation: 'GetObject', dataEvent: true }));
    await log.close();
    assert.equal(on.batches[0]![0]!.event.eventCategory, 'Data');
  });

  it('a full queue drops and counts instead of growing without bound', async () => {
    const sink = new MemorySink();
    const logger = collectingLogger();
    const log = auditLog([sink], { maxPending: 3, batchSize: 1000, logger });
    for (let i = 0; i < 5; i += 1) log.record(request(i));
    await log.flush();
    assert.deepEqual(sink.requestIds, ['req-0', 'req-1', 'req-2']);
    assert.ok(logger.lines.some((l) => l.msg === 'audit queue full: events were dropped' && (l.fields as { count: number }).count === 2));
    await log.close();
  });

  it("an unauthenticated request is put in its key's account, looked up once per batch", async () => {
    const sink = new MemorySink();
    let lookups = 0;
    const log = auditLog([sink], { keyAccount: async () => (lookups++, '999988887777') });
    const anonymous = { principal: undefined, accessKeyId: 'AKIAWHO', errorCode: 'SignatureDoesNotMatch', errorMessage: 'x' };
    log.record(request(1, anonymous));
    log.record(request(2, anonymous));
    await log.close();
    assert.equal(lookups, 1);
    assert.deepEqual(
      sink.batches.flat().map((e) => e.record.accountId),
      ['999988887777', '999988887777'],
    );
  });
});

describe('audit file sink', () => {
  it('appends one JSON record per line to an owner-only file', async () => {
    const path = join(root, 'audit.jsonl');
    const file = new FileSink(path);
    const sink = new MemorySink();
    const log = auditLog([file, sink]);
    for (let i = 0; i < 3; i += 1) log.record(request(i));
    await log.close();
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    assert.equal(lines.length, 3);
    assert.deepEqual(
      lines.map((l) => JSON.parse(l).requestID),
      ['req-0', 'req-1', 'req-2'],
    );
    assert.equal(statSync(path).mode & 0o777, 0o600);
    const again = new FileSink(path);
    const log2 = auditLog([again]);
    log2.record(request(3));
    await log2.close();
    assert.equal(readFileSync(path, 'utf8').trimEnd().split('\n').length, 4, 'appends, never truncates');
  });

  it('writes each body exactly, in UTF-8, whatever the batch size (a large batch, then a small one)', async () => {
    const path = join(root, 'sizes.jsonl');
    const file = new FileSink(path);
    const event = (body: string) => ({ record: { body } }) as BuiltEvent;
    const bodies = (n: number, tag: string) =>
      Array.from({ length: n }, (_, i) => JSON.stringify({ i, tag, text: `é😀\u2028${'x'.repeat(i % 700)}` }));
    // A batch whose buffer is kept, one too large to keep, then one shorter than the first.
    const medium = bodies(500, 'medium');
    const large = bodies(6000, 'large');
    const small = bodies(3, 'small');
    for (const batch of [medium, large, small, []]) await file.write(batch.map(event));
    await file.close();
    assert.equal(readFileSync(path, 'utf8'), [...medium, ...large, ...small].map((b) => `${b}\n`).join(''));
    await assert.rejects(file.write(small.map(event)), /closed/);
  });

  it('a path that cannot be opened fails at once (at start-up, not on the first request)', () => {
    assert.throws(() => new FileSink(join(root, 'missing-folder', 'audit.jsonl')), /ENOENT/);
  });

  it('defaults to <data-dir>/audit.jsonl; `off` turns it off', () => {
    assert.equal(auditFilePath({ dataDir: '/data', auditFile: undefined }), join('/data', 'audit.jsonl'));
    assert.equal(auditFilePath({ dataDir: '/data', auditFile: '/var/log/ks.jsonl' }), '/var/log/ks.jsonl');
    assert.equal(auditFilePath({ dataDir: '/data', auditFile: 'off' }), undefined);
    assert.equal(auditFilePath({ dataDir: '/data', auditFile: 'OFF' }), undefined);
  });
});
