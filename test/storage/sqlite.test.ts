import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from '../support/node-test.js';
import Database from 'better-sqlite3';
import { openStore } from '../../src/storage/open-store.js';
import { migrations } from '../../src/storage/sql/migrations.js';
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
