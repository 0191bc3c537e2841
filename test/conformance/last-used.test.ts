import { describe, it, after, before } from '../support/node-test.js';
import assert from 'node:assert/strict';
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GetAccessKeyLastUsedCommand,
  GetRoleCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { startTestServer, type TestServer } from '../support/server.js';
import { iamClient, stsClient } from '../support/sdk-clients.js';

describe('last-used times', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer()));
  after(async () => server.close());

  it('records access key and role use off the request path, visible after the periodic write', async () => {
    const iam = iamClient(server.url, server.admin);
    await iam.send(new CreateUserCommand({ UserName: 'worker' }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'worker' }))).AccessKey!;
    const before = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: key.AccessKeyId }));
    assert.equal(before.AccessKeyLastUsed?.ServiceName, 'N/A');
    assert.equal(before.AccessKeyLastUsed?.LastUsedDate, undefined);

    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${server.accountId}:user/worker` }, Action: 'sts:AssumeRole' }],
    });
    await iam.send(new CreateRoleCommand({ RoleName: 'used', AssumeRolePolicyDocument: trust }));
    const creds = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
    await stsClient(server.url, creds, 'eu-west-1').send(new GetCallerIdentityCommand({}));
    await stsClient(server.url, creds, 'eu-west-1').send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${server.accountId}:role/used`, RoleSessionName: 'session-1' }),
    );
    await server.keysmith.app.usage.flush();

    const afterUse = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: key.AccessKeyId }));
    assert.equal(afterUse.AccessKeyLastUsed?.ServiceName, 'sts');
    assert.equal(afterUse.AccessKeyLastUsed?.Region, 'eu-west-1');
    assert.ok(afterUse.AccessKeyLastUsed?.LastUsedDate instanceof Date);
    const role = await iam.send(new GetRoleCommand({ RoleName: 'used' }));
    assert.equal(role.Role?.RoleLastUsed?.Region, 'eu-west-1');
    assert.ok(role.Role?.RoleLastUsed?.LastUsedDate instanceof Date);
    // PutUserPolicy only to show writes through the admin keep working after the flush.
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'worker',
        PolicyName: 'p',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' }],
        }),
      }),
    );
  });
});
