import { describe, it, before, after } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  PutUserPolicyCommand,
  DeleteUserPolicyCommand,
  ListUsersCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSServiceException } from '@aws-sdk/client-sts';
import { IAMServiceException } from '@aws-sdk/client-iam';
import { startTestServer, type TestServer } from '../support/server.js';
import { iamClient, stsClient } from '../support/sdk-clients.js';

const settle = () => new Promise((r) => setTimeout(r, 1200));

/**
 * Two keysmith processes' worth of servers on one SQLite database (as `serve --workers 2` runs):
 * an IAM change made through one reaches the other's caches within a second.
 */
describe('caches shared across processes on one database', () => {
  let a: TestServer;
  let b: TestServer;
  before(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'keysmith-shared-'));
    a = await startTestServer({ KEYSMITH_DATA_DIR: dataDir });
    b = await startTestServer({ KEYSMITH_DATA_DIR: dataDir });
  });
  after(async () => {
    await b?.close();
    await a?.close();
  });

  it('a deleted access key and a removed policy stop working on the other node', async () => {
    const iamA = iamClient(a.url, a.admin);
    await iamA.send(new CreateUserCommand({ UserName: 'shared' }));
    const key = (await iamA.send(new CreateAccessKeyCommand({ UserName: 'shared' }))).AccessKey!;
    const creds = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
    await iamA.send(
      new PutUserPolicyCommand({
        UserName: 'shared',
        PolicyName: 'list',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' }] }),
      }),
    );
    await settle();
    // Warm node B's caches with this key and its policies.
    await iamClient(b.url, creds).send(new ListUsersCommand({}));

    await iamA.send(new DeleteUserPolicyCommand({ UserName: 'shared', PolicyName: 'list' }));
    await settle();
    await assert.rejects(
      iamClient(b.url, creds).send(new ListUsersCommand({})),
      (e: unknown) => e instanceof IAMServiceException && e.name === 'AccessDenied',
    );

    await iamA.send(new DeleteAccessKeyCommand({ UserName: 'shared', AccessKeyId: key.AccessKeyId }));
    await settle();
    await assert.rejects(
      stsClient(b.url, creds).send(new GetCallerIdentityCommand({})),
      (e: unknown) => e instanceof STSServiceException && e.name === 'InvalidClientTokenId',
    );
  });
});
