import assert from 'node:assert/strict';
import { after, before, describe, it } from '../support/node-test.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { awsCli } from '../support/clients-aws-cli.js';
import { stsClient } from '../support/sdk-clients.js';
import { sendLookupEvents } from '../support/clients-signer.js';
import { startTestServer, TEST_ADMIN, type TestServer } from '../support/server.js';

/**
 * The audit log on PostgreSQL (KEYSMITH_DATABASE_URL): two nodes on one database each record
 * their own requests, and LookupEvents on either node reads both; a clean shutdown of a node
 * loses none of its events. `npm test` sets KEYSMITH_TEST_DATABASE_URL; without it this fails,
 * on purpose (as test/conformance/postgres-server.test.ts).
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

  const lookup = async (server: TestServer, user?: string) => {
    const args = ['cloudtrail', 'lookup-events', '--page-size', '50'];
    if (user) args.push('--lookup-attributes', `AttributeKey=Username,AttributeValue=${user}`);
    const result = await awsCli(server.url, TEST_ADMIN, args);
    assert.equal(result.code, 0, result.stderr);
    return (result.json.Events as { EventName: string; CloudTrailEvent: string }[]).filter((e) => e.EventName === 'GetCallerIdentity');
  };

  it("each node records its requests; either node's LookupEvents shows both", async () => {
    const ids: string[] = [];
    for (const server of [a, b, a, b])
      ids.push((await stsClient(server.url, server.admin).send(new GetCallerIdentityCommand({}))).$metadata.requestId!);
    // Node b's own events are flushed before its lookup; node a's arrive within its flush interval.
    await sleep(600);
    for (const server of [a, b]) {
      const seen = (await lookup(server)).map((e) => JSON.parse(e.CloudTrailEvent).requestID);
      assert.deepEqual([...seen].sort(), [...ids].sort());
    }
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

  it('a clean shutdown of one node writes everything it held', async () => {
    const c = await startTestServer({
      KEYSMITH_DATABASE_URL: databaseUrl,
      KEYSMITH_AT_REST_KEY: atRestKey,
      KEYSMITH_AUDIT_FLUSH_MS: '600000',
      KEYSMITH_AUDIT_BATCH_SIZE: '100000',
    });
    const ids: string[] = [];
    for (let i = 0; i < 50; i += 1) ids.push((await stsClient(c.url, c.admin).send(new GetCallerIdentityCommand({}))).$metadata.requestId!);
    await c.close();
    const seen = new Set((await lookup(a)).map((e) => JSON.parse(e.CloudTrailEvent).requestID));
    assert.ok(
      ids.every((id) => seen.has(id)),
      'all 50 events of the stopped node are stored',
    );
  });
});
