import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from '../support/node-test.js';
import pg from 'pg';
import { openStore } from '../../src/storage/open-store.js';
import { migrations } from '../../src/storage/sql/migrations.js';
import type { Store } from '../../src/storage/store.js';
import { runStoreContract } from './contract.js';

/**
 * Runs the contract on PostgreSQL at KEYSMITH_TEST_DATABASE_URL (`npm test` starts a throw-away
 * cluster with scripts/lib/postgres.mjs and sets it). Without it this file FAILS: a skipped
 * backend would hide a missing dependency. Each run creates its own databases and drops them.
 */
const adminUrl = process.env.KEYSMITH_TEST_DATABASE_URL;
const runId = `${process.pid}_${randomBytes(4).toString('hex')}`;
const created: string[] = [];

it('has a PostgreSQL to test against (KEYSMITH_TEST_DATABASE_URL)', () => {
  assert.ok(
    adminUrl,
    'KEYSMITH_TEST_DATABASE_URL is not set. Run `npm test`, or start a server with ' +
      '`node scripts/lib/postgres.mjs --wait` and export the URL it prints.',
  );
});

function urlOf(database: string): string {
  const url = new URL(adminUrl!);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database, with a locale-aware (ICU) collation when the server has one: list order must
 * not depend on it (the schema compares names byte-wise), and this proves it.
 */
async function createDatabase(suffix: string): Promise<string> {
  const name = `keysmith_test_${runId}_${suffix}`;
  await admin(async (client) => {
    try {
      await client.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C'`);
    } catch {
      await client.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
    }
  });
  created.push(name);
  return name;
}

if (adminUrl) {
  let contractUrl = '';
  before(async () => {
    contractUrl = urlOf(await createDatabase('contract'));
  });
  after(async () => {
    await admin(async (client) => {
      for (const name of created) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    });
  });

  runStoreContract('postgres', () => openStore({ databaseUrl: contractUrl, dataDir: '/nonexistent' }), {
    persistent: true,
    sharedByNodes: true,
  });

  describe('PostgreSQL backend', () => {
    it('several nodes opening an empty database at once apply each migration exactly once', { timeout: 30_000 }, async () => {
      const url = urlOf(await createDatabase('race'));
      const stores: Store[] = await Promise.all(Array.from({ length: 5 }, () => openStore({ databaseUrl: url, dataDir: '/nonexistent' })));
      try {
        await stores[0]!.settings.set('k', 'v');
        assert.equal(await stores[4]!.settings.get('k'), 'v');
      } finally {
        for (const s of stores) await s.close();
      }
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const rows = await client.query('SELECT version FROM schema_migrations ORDER BY version').finally(() => client.end());
      assert.deepEqual(
        rows.rows.map((r) => Number(r.version)),
        migrations.map((m) => m.version),
      );
    });

    it('an unreachable server surfaces as a thrown Error', async () => {
      const url = new URL(adminUrl);
      url.port = '1';
      await assert.rejects(openStore({ databaseUrl: url.toString(), dataDir: '/nonexistent' }), Error);
    });

    it('accepts postgresql:// as well as postgres://', async () => {
      const url = urlOf(await createDatabase('scheme')).replace(/^postgres:/, 'postgresql:');
      const store = await openStore({ databaseUrl: url, dataDir: '/nonexistent' });
      await store.settings.set('k', 'v');
      await store.close();
    });
  });
}
