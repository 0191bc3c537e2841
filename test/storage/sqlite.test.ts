import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from '../support/node-test.js';
import Database from 'better-sqlite3';
import { openStore } from '../../src/storage/open-store.js';
import type { AuditLookupKey } from '../../src/storage/store.js';
import { migrations } from '../../src/storage/sql/migrations.js';
import { SqliteDriver } from '../../src/storage/sqlite/sqlite-driver.js';
import { runStoreContract } from './contract.js';

const root = mkdtempSync(join(tmpdir(), 'keysmith-sqlite-test-'));
after(() => rmSync(root, { recursive: true, force: true }));

const dataDir = join(root, 'data');
runStoreContract('sqlite', () => openStore({ dataDir }), { persistent: true });

describe('SQLite file backend', () => {
  it('creates the data folder owner-only, with keysmith.db in WAL mode', async () => {
    const dir = join(root, 'fresh', 'nested');
    const store = await openStore({ dataDir: dir });
    await store.settings.set('k', 'v');
    await store.close();
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    const db = new Database(join(dir, 'keysmith.db'), { readonly: true });
    try {
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      assert.deepEqual(
        db.prepare('SELECT version FROM schema_migrations ORDER BY version').all(),
        migrations.map((m) => ({ version: m.version })),
      );
    } finally {
      db.close();
    }
  });

  it('applies each migration once, however often it is opened', async () => {
    const dir = join(root, 'reopen');
    for (let i = 0; i < 3; i += 1) await (await openStore({ dataDir: dir })).close();
    const db = new Database(join(dir, 'keysmith.db'), { readonly: true });
    try {
      assert.deepEqual(db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get(), { n: migrations.length });
    } finally {
      db.close();
    }
  });

  it('moves an audit history of schema 5 into the narrow audit log, every lookup still answered', async () => {
    const dir = join(root, 'audit-v5');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const db = new Database(join(dir, 'keysmith.db'));
    db.exec('CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
    for (const m of migrations.filter((m) => m.version <= 5)) {
      for (const statement of m.statements({ name: 'sqlite', binaryText: 'TEXT' })) db.exec(statement);
      db.prepare('INSERT INTO schema_migrations VALUES (?, ?, 0)').run(m.version, m.name);
    }
    const insert = db.prepare('INSERT INTO audit_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const resource = db.prepare('INSERT INTO audit_event_resources VALUES (?, 0, ?, ?, ?, ?)');
    for (let i = 0; i < 30; i += 1) {
      const id = `old-${String(i).padStart(2, '0')}`;
      const resources = i % 3 === 0 ? [{ type: 'AWS::IAM::Role', name: `r${i % 2}` }] : [];
      insert.run(
        id,
        '111111111111',
        1000 + i,
        i % 2 ? 'GetRole' : 'AssumeRole',
        'iam.amazonaws.com',
        i % 2,
        i % 5 ? 'bob' : null,
        null,
        JSON.stringify(resources),
        `{"eventID":"${id}"}`,
      );
      for (const r of resources) resource.run(id, '111111111111', 1000 + i, r.type, r.name);
    }
    db.close();
    const store = await openStore({ dataDir: dir });
    try {
      const ids = async (attribute?: { key: AuditLookupKey; value: string }) =>
        (await store.auditEvents.query({ accountId: '111111111111', limit: 100, ...(attribute ? { attribute } : {}) })).items.map(
          (e) => e.eventId,
        );
      const expect = (keep: (i: number) => boolean) =>
        Array.from({ length: 30 }, (_, i) => i)
          .filter(keep)
          .reverse()
          .map((i) => `old-${String(i).padStart(2, '0')}`);
      assert.deepEqual(
        await ids(),
        expect(() => true),
      );
      assert.deepEqual(
        await ids({ key: 'EventName', value: 'GetRole' }),
        expect((i) => i % 2 === 1),
      );
      assert.deepEqual(
        await ids({ key: 'Username', value: 'bob' }),
        expect((i) => i % 5 !== 0),
      );
      assert.deepEqual(
        await ids({ key: 'ReadOnly', value: 'true' }),
        expect((i) => i % 2 === 1),
      );
      assert.deepEqual(
        await ids({ key: 'ResourceName', value: 'r1' }),
        expect((i) => i % 3 === 0 && i % 2 === 1),
      );
      assert.deepEqual(await ids({ key: 'EventId', value: 'old-07' }), ['old-07']);
      // New events go on after the moved ones.
      await store.auditEvents.append([
        {
          eventId: 'new-1',
          accountId: '111111111111',
          eventTime: 5000,
          eventName: 'GetRole',
          eventSource: 'iam.amazonaws.com',
          readOnly: true,
          resources: [],
          body: '{}',
        },
      ]);
      assert.deepEqual(await ids({ key: 'EventName', value: 'GetRole' }), ['new-1', ...expect((i) => i % 2 === 1)]);
    } finally {
      await store.close();
    }
  });

  it('waits out another connection holding the write lock on a timer, the event loop still running', async () => {
    // Two connections to one file in one thread, as the request thread and the audit thread are
    // (or a CLI command beside the server): a transaction that finds the write lock taken must
    // not sleep in SQLite's busy handler, which would stop this thread — and here, the holder's
    // own transaction could then never finish.
    const file = join(root, 'busy.db');
    const holder = SqliteDriver.open(file);
    const waiter = SqliteDriver.open(file);
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 5);
    try {
      await holder.run('CREATE TABLE t (v INTEGER)');
      const held = holder.transaction(async (tx) => {
        await tx.run('INSERT INTO t (v) VALUES (1)');
        await new Promise((resolve) => setTimeout(resolve, 150));
      });
      await new Promise((resolve) => setTimeout(resolve, 10));
      const [inTransaction, single] = await Promise.all([
        waiter.transaction(async (tx) => tx.run('INSERT INTO t (v) VALUES (2)')),
        waiter.run('INSERT INTO t (v) VALUES (3)'),
      ]);
      await held;
      assert.equal(inTransaction, 1);
      assert.equal(single, 1);
      assert.ok(ticks >= 5, `the event loop ran while the lock was waited for (${ticks} ticks)`);
      assert.deepEqual(await waiter.query('SELECT v FROM t ORDER BY v'), [{ v: 1 }, { v: 2 }, { v: 3 }]);
    } finally {
      clearInterval(ticker);
      await holder.close();
      await waiter.close();
    }
  });

  it('refuses a database whose schema is newer than this code', async () => {
    const dir = join(root, 'newer');
    await (await openStore({ dataDir: dir })).close();
    const db = new Database(join(dir, 'keysmith.db'));
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)").run();
    db.close();
    await assert.rejects(openStore({ dataDir: dir }), /schema version 999 is newer/);
  });

  it('reset keeps the schema bookkeeping', async () => {
    const dir = join(root, 'reset');
    const store = await openStore({ dataDir: dir });
    await store.reset();
    await store.close();
    const again = await openStore({ dataDir: dir });
    await again.users.create({
      accountId: '123456789012',
      userName: 'a',
      userId: 'AIDA1',
      path: '/',
      arn: 'arn:aws:iam::123456789012:user/a',
      createDate: 1,
      tags: [],
    });
    await again.close();
  });

  it('rejects a database URL it does not support, without echoing it', async () => {
    await assert.rejects(
      openStore({ dataDir: join(root, 'x'), databaseUrl: 'mysql://user:secret@host/db' }),
      (error: Error) => /unsupported database URL scheme 'mysql'/.test(error.message) && !error.message.includes('secret'),
    );
  });
});
