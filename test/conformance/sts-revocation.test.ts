import { describe, it, before, after } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { CreateRoleCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSServiceException } from '@aws-sdk/client-sts';
import { startTestServer, type TestServer } from '../support/server.js';
import { iamClient, stsClient } from '../support/sdk-clients.js';

const ADMIN_TOKEN = 'revocation-test-admin-token';

/**
 * Admin revocation reaches every node: two keysmith nodes share one PostgreSQL database (and the
 * at-rest key, as a cluster must); sessions are revoked through node A's admin API and node B
 * refuses them within about a second.
 */
describe('revoking sessions', () => {
  let a: TestServer;
  let b: TestServer;
  before(async () => {
    const adminUrl = process.env.KEYSMITH_TEST_DATABASE_URL;
    assert.ok(adminUrl, 'KEYSMITH_TEST_DATABASE_URL must point at a PostgreSQL server (npm test starts one)');
    const name = `keysmith_revoke_${process.pid}_${Date.now()}`;
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    const env = {
      KEYSMITH_DATABASE_URL: adminUrl.replace(/\/[^/]*$/, `/${name}`),
      KEYSMITH_AT_REST_KEY: randomBytes(32).toString('base64'),
      KEYSMITH_ADMIN_TOKEN: ADMIN_TOKEN,
    };
    a = await startTestServer(env);
    b = await startTestServer(env);
  });
  after(async () => {
    await a?.close();
    await b?.close();
  });

  async function assume(server: TestServer, session: string) {
    const out = await stsClient(server.url, server.admin).send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${a.accountId}:role/revocable`, RoleSessionName: session }),
    );
    const c = out.Credentials!;
    return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
  }

  async function revoke(body: object): Promise<number> {
    const res = await fetch(`${a.url}/_keysmith/sessions/revoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return res.status;
  }

  const refused = (e: unknown) => e instanceof STSServiceException && e.name === 'InvalidClientTokenId';

  it('voids one named session, then every session of the role, on both nodes', async () => {
    const iam = iamClient(a.url, a.admin);
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${a.accountId}:user/admin` }, Action: 'sts:AssumeRole' }],
    });
    await iam.send(new CreateRoleCommand({ RoleName: 'revocable', AssumeRolePolicyDocument: trust }));
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'revocable',
        PolicyName: 'any',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:*', Resource: '*' }] }),
      }),
    );

    const one = await assume(a, 'one');
    const two = await assume(b, 'two');
    await stsClient(b.url, one).send(new GetCallerIdentityCommand({}));
    await stsClient(a.url, two).send(new GetCallerIdentityCommand({}));

    assert.equal(await revoke({ roleArn: `arn:aws:iam::${a.accountId}:role/revocable`, sessionName: 'one' }), 200);
    await assert.rejects(stsClient(a.url, one).send(new GetCallerIdentityCommand({})), refused);
    await new Promise((r) => setTimeout(r, 1500));
    await assert.rejects(stsClient(b.url, one).send(new GetCallerIdentityCommand({})), refused);
    await stsClient(b.url, two).send(new GetCallerIdentityCommand({}));

    assert.equal(await revoke({ roleArn: `arn:aws:iam::${a.accountId}:role/revocable` }), 200);
    await new Promise((r) => setTimeout(r, 1500));
    await assert.rejects(stsClient(b.url, two).send(new GetCallerIdentityCommand({})), refused);
    // Sessions issued after the revocation work again.
    const three = await assume(b, 'three');
    const who = await stsClient(a.url, three).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, `arn:aws:sts::${a.accountId}:assumed-role/revocable/three`);
  });

  it('answers 404 for an unknown role and 400 for a bad body', async () => {
    assert.equal(await revoke({ roleArn: `arn:aws:iam::${a.accountId}:role/nope` }), 404);
    assert.equal(await revoke({ sessionName: 'x' }), 400);
  });
});
