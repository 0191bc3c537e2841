import { describe, it, before, after } from '../support/node-test.js';
import assert from 'node:assert/strict';
import pg from 'pg';
import { CreateRoleCommand, CreateUserCommand, GetRoleCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { startTestServer, type TestServer } from '../support/server.js';
import { iamClient, stsClient } from '../support/sdk-clients.js';
import { sendSigned, sendLookupEvents } from '../support/clients-signer.js';

/**
 * The whole server on PostgreSQL (KEYSMITH_DATABASE_URL), not only the store. The test command
 * starts PostgreSQL and sets KEYSMITH_TEST_DATABASE_URL; without it this test fails, on purpose.
 */
describe('keysmith on PostgreSQL', () => {
  let server: TestServer;
  let databaseUrl: string;
  before(async () => {
    const adminUrl = process.env.KEYSMITH_TEST_DATABASE_URL;
    assert.ok(adminUrl, 'KEYSMITH_TEST_DATABASE_URL must point at a PostgreSQL server (npm test starts one)');
    const name = `keysmith_server_${process.pid}_${Date.now()}`;
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    databaseUrl = adminUrl.replace(/\/[^/]*$/, `/${name}`);
    server = await startTestServer({ KEYSMITH_DATABASE_URL: databaseUrl });
  });
  after(async () => {
    await server?.close();
  });

  it('serves IAM and STS with the same behaviour as on SQLite', async () => {
    const iam = iamClient(server.url, server.admin);
    await iam.send(new CreateUserCommand({ UserName: 'pg-user' }));
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${server.accountId}:root` }, Action: 'sts:AssumeRole' }],
    });
    await iam.send(new CreateRoleCommand({ RoleName: 'pg-role', AssumeRolePolicyDocument: trust }));
    const role = await iam.send(new GetRoleCommand({ RoleName: 'PG-ROLE' }));
    assert.equal(role.Role?.RoleName, 'pg-role');
    assert.equal(decodeURIComponent(role.Role.AssumeRolePolicyDocument!), trust);
    const users = await iam.send(new ListUsersCommand({}));
    assert.deepEqual(
      users.Users?.map((u) => u.UserName),
      ['admin', 'pg-user'],
    );
    const who = await stsClient(server.url, server.admin).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Account, server.accountId);
  });

  // Found by `npm run fuzz` against PostgreSQL: text there cannot hold U+0000, and a bigint column
  // cannot take Infinity. Each answered 500; SQLite took both silently.
  it('a NUL in a Query string member is a ValidationError, not a database error', async () => {
    for (const form of <Record<string, string>[]>[
      { Action: 'GetPolicy', PolicyArn: `arn:aws:iam::${server.accountId}:policy/a\u0000b` },
      { Action: 'AttachUserPolicy', UserName: 'admin', PolicyArn: 'arn:aws:iam::aws:policy/\u0000' },
    ]) {
      const reply = await sendSigned(server.url, server.admin, { form: { Version: '2010-05-08', ...form } });
      assert.equal(reply.status, 400, reply.text);
      assert.match(reply.text, /<Code>ValidationError<\/Code>/);
    }
  });

  it('a LookupEvents time beyond what a Date holds is refused, not sent to the database', async () => {
    const reply = await sendLookupEvents(server.url, server.admin, '{"StartTime": 1e308}');
    assert.equal(reply.status, 400, reply.text);
  });
});
