import { describe, it, before, after } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { CreateUserCommand, GetUserCommand, IAMServiceException } from '@aws-sdk/client-iam';
import { startTestServer, type TestServer } from '../support/server.js';
import { iamClient } from '../support/sdk-clients.js';

const ADMIN_TOKEN = 'test-admin-token-0123456789';

describe('admin API', () => {
  let server: TestServer;
  let locked: TestServer;
  before(async () => {
    server = await startTestServer({ KEYSMITH_ENABLE_RESET: 'true', KEYSMITH_ADMIN_TOKEN: ADMIN_TOKEN });
    locked = await startTestServer({ KEYSMITH_ADMIN_TOKEN: ADMIN_TOKEN });
  });
  after(async () => {
    await server.close();
    await locked.close();
  });

  it('answers health and readiness without credentials', async () => {
    assert.deepEqual(await (await fetch(`${server.url}/_keysmith/health`)).json(), { status: 'ok' });
    assert.deepEqual(await (await fetch(`${server.url}/_keysmith/ready`)).json(), { status: 'ready' });
  });

  it('refuses reset without the admin token, or with an AWS key in its place', async () => {
    assert.equal((await fetch(`${server.url}/_keysmith/reset`, { method: 'POST' })).status, 401);
    const withAwsKey = await fetch(`${server.url}/_keysmith/reset`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.admin.secretAccessKey}` },
    });
    assert.equal(withAwsKey.status, 401);
  });

  it('refuses reset unless enabled by configuration', async () => {
    const res = await fetch(`${locked.url}/_keysmith/reset`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    assert.equal(res.status, 403);
  });

  it('resets all state and bootstraps the same admin again', async () => {
    const iam = iamClient(server.url, server.admin);
    await iam.send(new CreateUserCommand({ UserName: 'ephemeral' }));
    const res = await fetch(`${server.url}/_keysmith/reset`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    assert.equal(res.status, 200);
    await assert.rejects(
      iam.send(new GetUserCommand({ UserName: 'ephemeral' })),
      (e: unknown) => e instanceof IAMServiceException && e.name === 'NoSuchEntityException',
    );
    assert.equal((await iam.send(new GetUserCommand({ UserName: 'admin' }))).User?.UserName, 'admin');
  });
});
