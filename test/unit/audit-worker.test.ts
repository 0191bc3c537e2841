import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, it } from '../support/node-test.js';
import type { AuditInput } from '../../src/audit/audit-input.js';
import { type AuditRecord, auditRecordOf } from '../../src/audit/audit-record.js';
import { AuditWorkerClient } from '../../src/audit/audit-worker-client.js';
import type { AuditWorkerData } from '../../src/audit/audit-worker-protocol.js';
import type { Logger } from '../../src/kernel/logger.js';
import { openStore } from '../../src/storage/open-store.js';

const root = mkdtempSync(join(tmpdir(), 'keysmith-audit-worker-'));
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
    service: 'iam',
    operation: 'CreateUser',
    sourceIp: '127.0.0.1',
    userAgent: 'test',
    region: 'us-east-1',
    readOnly: false,
    principal,
    requestParameters: { UserName: `u${n}` },
    ...extra,
  });
}

function logger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (msg: string, fields?: object) => void lines.push(`${level} ${msg} ${JSON.stringify(fields ?? {})}`);
  return { lines, error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}

function data(dataDir: string, extra: Partial<AuditWorkerData> = {}): AuditWorkerData {
  return {
    databaseUrl: undefined,
    dataDir,
    file: join(dataDir, 'audit.jsonl'),
    dataEvents: false,
    batchSize: 100,
    flushIntervalMs: 60_000,
    maxPending: 1000,
    ...extra,
  };
}

describe('audit worker thread', () => {
  it('builds and writes events off the request thread; flush and close wait for the writes', async () => {
    const dir = join(root, 'ok');
    const store = await openStore({ dataDir: dir });
    const client = new AuditWorkerClient(data(dir), logger());
    for (let i = 0; i < 3; i += 1) client.record(request(i));
    await client.flush();
    assert.equal((await store.auditEvents.query({ accountId: '111122223333', limit: 50 })).items.length, 3);
    for (let i = 3; i < 250; i += 1) client.record(request(i));
    await client.close();
    const page = await store.auditEvents.query({ accountId: '111122223333', limit: 50, attribute: { key: 'ResourceName', value: 'u249' } });
    assert.equal(page.items.length, 1);
    assert.equal(readFileSync(join(dir, 'audit.jsonl'), 'utf8').trimEnd().split('\n').length, 250);
    await store.close();
  });

  it('a request whose output cannot cross threads (a stream, a function) is still recorded, without that part', async () => {
    const dir = join(root, 'clone');
    const client = new AuditWorkerClient(data(dir), logger());
    client.record(request(1));
    client.record(
      request(2, {
        readOnly: false,
        requestParameters: { UserName: 'streamy', Body: Readable.from(['x']), Bytes: Buffer.from('secret bytes') },
        responseElements: { User: { UserName: 'streamy' }, callback: () => 1 },
      }),
    );
    client.record(request(3));
    await client.close();
    const lines = readFileSync(join(dir, 'audit.jsonl'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((e) => e.requestID).sort(), ['req-1', 'req-2', 'req-3']);
    const streamy = lines.find((e) => e.requestID === 'req-2');
    assert.deepEqual(streamy.requestParameters, { userName: 'streamy' });
    assert.deepEqual(streamy.responseElements, { user: { userName: 'streamy' } });
  });

  it('a worker that cannot open the store is logged; flush and close still return and the loss is counted', async () => {
    const log = logger();
    const client = new AuditWorkerClient(data(join(root, 'bad'), { databaseUrl: 'mysql://nowhere/db', file: undefined }), log);
    client.record(request(1));
    await client.flush();
    client.record(request(2));
    await client.close();
    assert.ok(
      log.lines.some((l) => l.startsWith('error the audit worker failed')),
      log.lines.join('\n'),
    );
    assert.ok(
      log.lines.some((l) => l.startsWith('error audit events were lost')),
      log.lines.join('\n'),
    );
  });
});
