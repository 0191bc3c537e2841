import { after, before, describe, it } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe as show } from '../support/clients-process.js';
import {
  BOTO3_SCRIPT,
  keysmith,
  printed,
  runnerEnv,
  SDK_V3_SCRIPT,
  serviceRoleWorld,
  type ServiceRoleWorld,
} from '../support/clients-service-roles.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * `keysmith run` with real programs (the AWS CLI, boto3, SDK v3 for JavaScript), each with no
 * credentials of its own, for every compute type: the program finds the role through its SDK's
 * default chain, and the caller is the role's session named as AWS names it.
 */
const SESSION: Record<string, RegExp> = {
  ec2: /^i-[0-9a-f]{17}$/,
  ecs: /^[0-9a-f]{32}$/,
  lambda: /^reporter$/,
  'eks-pod-identity': /^eks-default-/,
};

describe('keysmith run: real programs as the role, for every --as', () => {
  let server: TestServer;
  let world: ServiceRoleWorld;

  before(async () => {
    server = await startTestServer();
    world = await serviceRoleWorld(server);
    writeFileSync(join(world.dir, 'who.py'), BOTO3_SCRIPT);
    writeFileSync(join(world.dir, 'who.mjs'), SDK_V3_SCRIPT);
  });
  after(async () => {
    await server?.close();
    if (world) rmSync(world.dir, { recursive: true, force: true });
  });

  for (const as of ['ec2', 'ecs', 'lambda', 'eks-pod-identity'] as const) {
    it(`--as ${as}: the AWS CLI (sts, s3), boto3 and SDK v3 run as the role`, async () => {
      const script = [
        'set -e',
        'echo "CLI_ARN=$(aws sts get-caller-identity --query Arn --output text)"',
        'echo "CLI_S3=$(aws s3 ls s3://reports/ | awk \'{print $4}\' | tr "\\n" ",")"',
        `python3 ${join(world.dir, 'who.py')}`,
        // Run from the repository root, the snippet imports the SDK by name.
        `node --input-type=module -e "$(cat ${join(world.dir, 'who.mjs')})"`,
        'echo "SEEN_KEY=${AWS_ACCESS_KEY_ID:-none}"',
      ].join('\n');
      const extra = as === 'lambda' ? ['--function-name', 'reporter'] : [];
      const result = await keysmith(['run', '--role', world.role.arn, '--as', as, ...extra, '--', 'bash', '-c', script], runnerEnv(world));
      assert.equal(result.code, 0, show(result));
      const out = printed(result.stdout);
      const prefix = `arn:aws:sts::${world.server.accountId}:assumed-role/app/`;
      for (const name of ['CLI_ARN', 'BOTO3_ARN', 'SDKV3_ARN']) {
        const arn = out.get(name) ?? '';
        assert.ok(arn.startsWith(prefix), `${name}: ${arn}\n${show(result)}`);
        assert.match(arn.slice(prefix.length), SESSION[as]!, name);
      }
      // Everyone saw the same session.
      assert.equal(out.get('BOTO3_ARN'), out.get('CLI_ARN'));
      assert.equal(out.get('SDKV3_ARN'), out.get('CLI_ARN'));
      assert.equal(out.get('CLI_S3'), 'q4.txt,');
      assert.equal(out.get('BOTO3_KEYS'), 'q4.txt');
      // Only Lambda puts keys in the environment, and they are the role's, never the runner's.
      if (as === 'lambda') assert.match(out.get('SEEN_KEY')!, /^ASIA/);
      else assert.equal(out.get('SEEN_KEY'), 'none');
      assert.ok(!result.stdout.includes(world.launcher.creds.accessKeyId));
    });
  }
});
