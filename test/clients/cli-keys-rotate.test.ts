import { describe, it, after, before } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { repoRoot } from '../support/paths.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { iamClient, stsClient } from '../support/sdk-clients.js';

const run = promisify(execFile);
const keyIdOf = (token: string) => Buffer.from(token, 'base64url').readUInt32BE(1);

describe('keysmith keys rotate', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer()));
  after(async () => server.close());

  it('makes a new key active on the running server; tokens sealed before keep working', async () => {
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${server.accountId}:user/admin` }, Action: 'sts:AssumeRole' }],
    });
    await iamClient(server.url, server.admin).send(new CreateRoleCommand({ RoleName: 'rotating', AssumeRolePolicyDocument: trust }));
    const assume = async (name: string) => {
      const c = (
        await stsClient(server.url, server.admin).send(
          new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${server.accountId}:role/rotating`, RoleSessionName: name }),
        )
      ).Credentials!;
      return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
    };
    const before = await assume('before');
    const { stdout } = await run(process.execPath, [join(repoRoot, 'bin', 'keysmith.js'), 'keys', 'rotate', '--data-dir', server.dataDir]);
    assert.match(stdout, /token key ring rotated: active key [0-9a-f]{8}, 2 key\(s\) kept/);
    await new Promise((r) => setTimeout(r, 1500));
    const after = await assume('after');
    assert.notEqual(keyIdOf(after.sessionToken), keyIdOf(before.sessionToken), 'new tokens are sealed with the new key');
    for (const creds of [before, after]) {
      const who = await stsClient(server.url, creds).send(new GetCallerIdentityCommand({}));
      assert.match(who.Arn!, /assumed-role\/rotating\//);
    }
  });
});
