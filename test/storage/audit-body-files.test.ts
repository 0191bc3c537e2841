import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { after, describe, it } from '../support/node-test.js';
import { openStore } from '../../src/storage/open-store.js';
import { AUDIT_BODIES_DIR, AuditBodySegments } from '../../src/storage/sqlite/audit-body-segments.js';
import type { AuditEventRecord, Store } from '../../src/storage/store.js';

const root = mkdtempSync(join(tmpdir(), 'keysmith-audit-bodies-'));
after(() => rmSync(root, { recursive: true, force: true }));

const ACCOUNT = '111111111111';

function event(eventId: string, eventTime: number, username = 'zoë'): AuditEventRecord {
  return {
    eventId,
    accountId: ACCOUNT,
    eventTime,
    eventName: 'AssumeRole',
    eventSource: 'sts.amazonaws.com',
    readOnly: false,
    username,
    resources: [{ type: 'AWS::IAM::Role', name: 'arn:aws:iam::111111111111:role/r' }],
    // Multi-byte characters: places are counted in bytes, not string length.
    body: JSON.stringify({ eventID: eventId, userIdentity: { userName: username }, note: '— ✓ 𝄞' }),
  };
}

async function bodiesOf(store: Store, limit = 100): Promise<Map<string, string>> {
  const page = await store.auditEvents.query({ accountId: ACCOUNT, limit });
  return new Map(page.items.map((e) => [e.eventId, e.body]));
}

function rowsOf(dir: string): { event_id: string; body: string; body_file: string | null }[] {
  const db = new Database(join(dir, 'keysmith.db'), { readonly: true });
  try {
    return db.prepare('SELECT event_id, body, body_file FROM audit_log ORDER BY seq').all() as never;
  } finally {
    db.close();
  }
}

/** Events as `place` takes them: one object each (a retried batch is the same objects again). */
const lines = (...bodies: string[]) => bodies.map((body) => ({ body }));

/** A body-files instance in `<root>/<name>/audit-bodies` (its data folder made), closed after `fn`. */
async function withSegments(name: string, fn: (files: AuditBodySegments, folder: string) => Promise<void>, segmentBytes?: number) {
  const folder = join(root, name, AUDIT_BODIES_DIR);
  mkdirSync(join(root, name));
  const files = new AuditBodySegments(folder, segmentBytes);
  try {
    await fn(files, folder);
  } finally {
    await files.close();
  }
}

describe('SQLite backend: audit event bodies in files beside the database', () => {
  it('keeps each body in an owner-only JSON-lines file, the row pointing at it, and reads it back exactly', async () => {
    const dir = join(root, 'basic');
    const store = await openStore({ dataDir: dir });
    const events = [event('e1', 1000), event('e2', 2000, 'bob'), event('e3', 3000)];
    try {
      await store.auditEvents.append(events.slice(0, 2));
      await store.auditEvents.append(events.slice(2));
      const bodies = await bodiesOf(store);
      for (const e of events) assert.equal(bodies.get(e.eventId), e.body);
      // Lookups by an attribute read the bodies from the files too.
      const bob = await store.auditEvents.query({ accountId: ACCOUNT, limit: 10, attribute: { key: 'Username', value: 'bob' } });
      assert.deepEqual(bob.items, [events[1]]);
    } finally {
      await store.close();
    }
    const rows = rowsOf(dir);
    assert.equal(rows.length, 3);
    for (const row of rows) {
      assert.equal(row.body, '', 'no body in the row');
      assert.match(row.body_file ?? '', /\.jsonl$/);
    }
    const folder = join(dir, AUDIT_BODIES_DIR);
    assert.equal(statSync(folder).mode & 0o777, 0o700);
    const files = readdirSync(folder);
    assert.equal(files.length, 1, 'one store instance appends to one file');
    assert.equal(statSync(join(folder, files[0]!)).mode & 0o777, 0o600);
    const lines = readFileSync(join(folder, files[0]!), 'utf8').trimEnd().split('\n');
    assert.deepEqual(
      lines,
      events.map((e) => e.body),
    );
  });

  it('answers for an event whose body file was lost or cut short with what its row holds, saying so', async () => {
    const dir = join(root, 'lost');
    const store = await openStore({ dataDir: dir });
    try {
      await store.auditEvents.append([event('a', 1000), event('b', 2000)]);
      const folder = join(dir, AUDIT_BODIES_DIR);
      const [file] = readdirSync(folder);
      // A power cut can leave the file shorter than the rows say: the last body is cut.
      truncateSync(join(folder, file!), statSync(join(folder, file!)).size - 5);
      let bodies = await bodiesOf(store);
      assert.equal(bodies.get('a'), event('a', 1000).body);
      const cut = JSON.parse(bodies.get('b')!) as Record<string, unknown>;
      assert.equal(cut.eventID, 'b');
      assert.equal(cut.eventName, 'AssumeRole');
      assert.equal(cut.eventTime, '1970-01-01T00:00:02Z');
      assert.equal(cut.recipientAccountId, ACCOUNT);
      assert.match(JSON.stringify(cut.additionalEventData), /missing from .*audit-bodies/);
      unlinkSync(join(folder, file!));
      bodies = await bodiesOf(store);
      assert.equal((JSON.parse(bodies.get('a')!) as { eventID: string }).eventID, 'a');
      // New events go to a new file.
      await store.auditEvents.append([event('c', 3000)]);
      assert.equal((await bodiesOf(store)).get('c'), event('c', 3000).body);
    } finally {
      await store.close();
    }
  });

  it('reset removes the files, and a second connection that held one open writes its next events to a new one', async () => {
    // The server's audit thread has a store of its own: its file is removed under it by a reset.
    const dir = join(root, 'reset');
    const server = await openStore({ dataDir: dir });
    const auditThread = await openStore({ dataDir: dir });
    try {
      await auditThread.auditEvents.append([event('before', 1000)]);
      await server.reset();
      assert.deepEqual(readdirSync(join(dir, AUDIT_BODIES_DIR)), []);
      assert.equal((await bodiesOf(server)).size, 0);
      await auditThread.auditEvents.append([event('after', 2000)]);
      assert.deepEqual([...(await bodiesOf(server))], [['after', event('after', 2000).body]]);
      assert.equal(readdirSync(join(dir, AUDIT_BODIES_DIR)).length, 1);
    } finally {
      await server.close();
      await auditThread.close();
    }
  });

  it('a body whose file was removed while its batch waited for the write lock is written again', () =>
    withSegments('race', async (files) => {
      const batch = lines('{"a":1}');
      const places = await files.place(batch);
      files.clear();
      const again = await files.place(batch);
      assert.notEqual(again[0]!.file, places[0]!.file);
      assert.deepEqual(await files.read(again), ['{"a":1}']);
      assert.deepEqual(await files.read(places), [undefined]);
    }));

  it('a batch whose write failed half-way is written over by the next, whose places stay right', () =>
    withSegments('broken', async (files, folder) => {
      const first = await files.place(lines('{"n":1}'));
      // What a write cut short leaves, simulated: bytes past the size the instance counts.
      const [name] = readdirSync(folder);
      const segment = (files as unknown as { current: { handle: { fd: number }; size: number } }).current;
      writeSync(segment.handle.fd, '{"half-writ', segment.size);
      const second = await files.place(lines('{"n":2}', '{"n":3}'));
      assert.deepEqual(await files.read([...first, ...second]), ['{"n":1}', '{"n":2}', '{"n":3}']);
      assert.equal(readFileSync(join(folder, name!), 'utf8'), '{"n":1}\n{"n":2}\n{"n":3}\n');
    }));

  it('a batch given again (the store failed to commit it) keeps its places: its bodies are not written twice', () =>
    withSegments('retry', async (files, folder) => {
      const batch = lines('{"n":1}', '{"n":2}');
      const first = await files.place(batch);
      for (let retry = 0; retry < 3; retry += 1) assert.deepEqual(await files.place(batch), first);
      // A new event beside the retried ones is written; the old ones are not.
      const mixed = await files.place([batch[0]!, ...lines('{"n":3}')]);
      assert.deepEqual(mixed[0], first[0]);
      const [name] = readdirSync(folder);
      assert.equal(readFileSync(join(folder, name!), 'utf8'), '{"n":1}\n{"n":2}\n{"n":3}\n');
      // Once their file is gone (a reset), they are written again.
      files.clear();
      const again = await files.place(batch);
      assert.notEqual(again[0]!.file, first[0]!.file);
      assert.deepEqual(await files.read(again), ['{"n":1}', '{"n":2}']);
    }));

  it('never makes the data folder again once it was removed under a running store', () =>
    withSegments('removed', async (files, folder) => {
      const dataDir = dirname(folder);
      await files.place(lines('{"n":1}'));
      rmSync(dataDir, { recursive: true, force: true });
      await assert.rejects(files.place(lines('{"n":2}')), /ENOENT/);
      assert.equal(existsSync(dataDir), false);
    }));

  it('starts a new file once one is full, every body still found', () =>
    withSegments(
      'roll',
      async (files) => {
        const bodies = Array.from({ length: 20 }, (_, i) => JSON.stringify({ i, pad: 'x'.repeat(i) }));
        const places = [];
        for (let i = 0; i < bodies.length; i += 3) places.push(...(await files.place(lines(...bodies.slice(i, i + 3)))));
        assert.ok(new Set(places.map((p) => p.file)).size > 3, 'several files');
        assert.deepEqual(await files.read(places), bodies);
        // A name this code would not make is never opened (a row's file name is data).
        assert.deepEqual(await files.read([{ file: '../keysmith.db', at: 0, bytes: 16 }]), [undefined]);
      },
      64,
    ));
});
