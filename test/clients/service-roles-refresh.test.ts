import { after, before, describe, it } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { describe as show } from '../support/clients-process.js';
import { keysmith, printed, runnerEnv, serviceRoleWorld, type ServiceRoleWorld } from '../support/clients-service-roles.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * Credentials renewed across an expiry, as a long-running program sees it: `--duration 60`, a call,
 * a sleep past the first credentials' expiry, another call — new keys, no error. Slow (over a
 * minute each, nearly all of it asleep), so only two: SDK v3 on the instance metadata service,
 * boto3 on the ECS endpoint. (botocore keeps instance-metadata credentials that expire within ~20
 * minutes instead of refreshing them — its static-stability rule — so short-lived EC2 credentials
 * are SDK v3's test.) The two run side by side within this one file, so that their minute of
 * sleep holds one of the test runner's two slots, not both.
 */
describe('keysmith run: credentials are renewed before they expire', { concurrency: true }, () => {
  let server: TestServer;
  let world: ServiceRoleWorld;

  before(async () => {
    server = await startTestServer();
    world = await serviceRoleWorld(server);
  });
  after(async () => {
    await server?.close();
    if (world) rmSync(world.dir, { recursive: true, force: true });
  });

  it('--as ec2 with SDK v3 (instance metadata): a call, 65 s, a call: new AccessKeyId, no error', async () => {
    const script = `
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
const sts = new STSClient({});
console.log('ARN1=' + (await sts.send(new GetCallerIdentityCommand({}))).Arn);
console.log('KEY1=' + (await sts.config.credentials()).accessKeyId);
await new Promise((r) => setTimeout(r, 65_000));
console.log('ARN2=' + (await sts.send(new GetCallerIdentityCommand({}))).Arn);
console.log('KEY2=' + (await sts.config.credentials()).accessKeyId);
`;
    const r = await keysmith(
      ['run', '--role', world.role.arn, '--as', 'ec2', '--duration', '60', '--', process.execPath, '--input-type=module', '-e', script],
      runnerEnv(world),
    );
    assert.equal(r.code, 0, show(r));
    const out = printed(r.stdout);
    assert.equal(out.get('ARN1'), out.get('ARN2'));
    assert.match(out.get('KEY1')!, /^ASIA/);
    assert.notEqual(out.get('KEY1'), out.get('KEY2'));
  });

  it('--as ecs with boto3 (container credentials endpoint): a call, 65 s, a call: new AccessKeyId, no error', async () => {
    const script = `
import time, boto3
session = boto3.Session()
sts = session.client("sts")
print("ARN1=" + sts.get_caller_identity()["Arn"])
print("KEY1=" + session.get_credentials().get_frozen_credentials().access_key)
time.sleep(65)
print("ARN2=" + sts.get_caller_identity()["Arn"])
print("KEY2=" + session.get_credentials().get_frozen_credentials().access_key)
`;
    const r = await keysmith(
      ['run', '--role', world.role.arn, '--as', 'ecs', '--duration', '60', '--', 'python3', '-c', script],
      runnerEnv(world),
    );
    assert.equal(r.code, 0, show(r));
    const out = printed(r.stdout);
    assert.equal(out.get('ARN1'), out.get('ARN2'));
    assert.match(out.get('KEY1')!, /^ASIA/);
    assert.match(out.get('KEY2')!, /^ASIA/);
    assert.notEqual(out.get('KEY1'), out.get('KEY2'));
  });
});
