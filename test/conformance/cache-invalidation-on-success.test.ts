import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { CreateUserCommand, GetUserCommand } from '@aws-sdk/client-iam';
import { startTestServer, type TestServer } from '../support/server.js';
import { iamClient } from '../support/sdk-clients.js';
import { rejects } from './iam-test-helpers.js';
import { CACHE_GENERATION_SETTING } from '../../src/server/cache-generation.js';

/**
 * Only a successful IAM write flushes the IAM caches of every process (the stored cache
 * generation): a refused one changed nothing, so it must not make every node reload.
 */
suite('IAM caches are invalidated after successful writes only', () => {
  let server: TestServer;
  const generation = () => server.keysmith.app.store.settings.get(CACHE_GENERATION_SETTING);
  before(async () => {
    server = await startTestServer();
  });
  after(async () => server.close());

  test('a failed CreateUser leaves the cache generation alone; a successful one moves it', { timeout: 60_000 }, async () => {
    const iam = iamClient(server.url, server.admin);
    await iam.send(new CreateUserCommand({ UserName: 'gen-user' }));
    await sleep(50); // the bump is written after the answer
    const before = await generation();
    assert.ok(before !== undefined);
    await rejects(iam.send(new CreateUserCommand({ UserName: 'gen-user' })), 'EntityAlreadyExists');
    await rejects(iam.send(new CreateUserCommand({ UserName: 'bad name!' })), 'ValidationError');
    await iam.send(new GetUserCommand({ UserName: 'gen-user' }));
    await sleep(50);
    assert.equal(await generation(), before);
    await iam.send(new CreateUserCommand({ UserName: 'gen-user-2' }));
    await sleep(50);
    assert.notEqual(await generation(), before);
  });
});
