import assert from 'node:assert/strict';
import { after, before, describe, it } from '../support/node-test.js';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sendLookupEvents } from '../support/clients-signer.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * The audit log on PostgreSQL (KEYSMITH_DATABASE_URL), two nodes on one database: LookupEvents
 * with a NUL in a lookup value. That each node records its own requests and either node's
 * LookupEvents reads both, and that a clean shutdown of a node loses none of its events, is read
 * back with the AWS CLI in test/clients/cloudtrail-durability.test.ts. `npm test` sets
 * KEYSMITH_TEST_DATABASE_URL; without it this fails, on purpose (as
 * test/conformance/postgres-server.test.ts).
 */
describe('audit events on PostgreSQL, two nodes', () => {
  let databaseUrl: string;
  // Nodes on one database share the key that seals secrets at rest.
  const atRestKey = randomBytes(32).toString('base64');
  let a: TestServer;
  let b: TestServer;
  before(async () => {
    const adminUrl = process.env.KEYSMITH_TEST_DATABASE_URL;
    assert.ok(adminUrl, 'KEYSMITH_TEST_DATABASE_URL must point at a PostgreSQL server (npm test starts one)');
    const name = `keysmith_audit_${process.pid}_${Date.now()}`;
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    databaseUrl = adminUrl.replace(/\/[^/]*$/, `/${name}`);
    a = await startTestServer({ KEYSMITH_DATABASE_URL: databaseUrl, KEYSMITH_AT_REST_KEY: atRestKey });
    b = await startTestServer({ KEYSMITH_DATABASE_URL: databaseUrl, KEYSMITH_AT_REST_KEY: atRestKey });
  });
  after(async () => {
    await a?.close();
    await b?.close();
  });

  it('a lookup value holding a NUL matches nothing (no 500 from PostgreSQL text)', async () => {
    const reply = await sendLookupEvents(
      a.url,
      a.admin,
      JSON.stringify({ LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'a\u0000b' }] }),
    );
    assert.equal(reply.status, 200, reply.text);
    assert.deepEqual(JSON.parse(reply.text).Events, []);
  });
});
