import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AddRoleToInstanceProfileCommand, CreateInstanceProfileCommand, type IAMClient } from '@aws-sdk/client-iam';
import { clientEnv, credentialEnv, runProcess, type ProcessResult } from './clients-process.js';
import { repoRoot } from './paths.js';
import type { TestServer } from './server.js';
import { iamClient } from './sdk-clients.js';
import { allow, createRole, createUser, policyDoc, type TestRole, type TestUser } from './sts-helpers.js';

/**
 * What the `keysmith run` / `endpoint` / `grant` client tests share: a server with a role every
 * compute service may assume (and an instance profile holding it), a bucket it may list, users
 * who may and may not pass it, and a way to run `keysmith` as the runner.
 */
export const bin = join(repoRoot, 'bin', 'keysmith.js');

export interface ServiceRoleWorld {
  server: TestServer;
  iam: IAMClient;
  role: TestRole;
  /** May pass any role to any service. */
  launcher: TestUser;
  dir: string;
}

const SERVICES = ['ec2.amazonaws.com', 'ecs-tasks.amazonaws.com', 'lambda.amazonaws.com', 'pods.eks.amazonaws.com'];

export async function serviceRoleWorld(server: TestServer): Promise<ServiceRoleWorld> {
  const iam = iamClient(server.url, server.admin);
  const role = await createRole(
    iam,
    'app',
    policyDoc({ Effect: 'Allow', Principal: { Service: SERVICES }, Action: ['sts:AssumeRole', 'sts:TagSession'] }),
    { policy: policyDoc(allow(['sts:GetCallerIdentity', 's3:ListAllMyBuckets', 's3:ListBucket', 's3:GetObject'])) },
  );
  await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'app-profile' }));
  await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'app-profile', RoleName: 'app' }));
  const launcher = await createUser(iam, 'launcher', policyDoc(allow('iam:PassRole', role.arn)));
  const dir = mkdtempSync(join(tmpdir(), 'keysmith-service-roles-'));
  const file = join(dir, 'q4.txt');
  writeFileSync(file, 'q4: 42\n');
  for (const args of [
    ['s3', 'mb', 's3://reports'],
    ['s3', 'cp', file, 's3://reports/q4.txt'],
  ]) {
    const r = await runProcess('aws', ['--endpoint-url', server.url, ...args], { env: clientEnv(credentialEnv(server.admin)) });
    if (r.code !== 0) throw new Error(`aws ${args.join(' ')}: ${r.stderr}`);
  }
  return { server, iam, role, launcher, dir };
}

/** The runner's environment: its own keys (or `extra`), keysmith's endpoint, a region; nothing else of AWS. */
export function runnerEnv(world: ServiceRoleWorld, extra: Record<string, string> = {}, user: TestUser = world.launcher): NodeJS.ProcessEnv {
  return clientEnv({
    AWS_ACCESS_KEY_ID: user.creds.accessKeyId,
    AWS_SECRET_ACCESS_KEY: user.creds.secretAccessKey,
    AWS_ENDPOINT_URL: world.server.url,
    AWS_DEFAULT_REGION: 'us-east-1',
    ...extra,
  });
}

/** `node bin/keysmith.js ARGS…` from the repository root (so `node -e` snippets find the SDK). */
export function keysmith(args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<ProcessResult> {
  return runProcess(process.execPath, [bin, ...args], { env, cwd: repoRoot, timeoutMs });
}

/** A boto3 script: the caller's ARN and the bucket's keys, through boto3's default chain. */
export const BOTO3_SCRIPT = `
import boto3
print("BOTO3_ARN=" + boto3.client("sts").get_caller_identity()["Arn"])
print("BOTO3_KEYS=" + ",".join(o["Key"] for o in boto3.client("s3").list_objects_v2(Bucket="reports").get("Contents", [])))
`;

/** An SDK v3 snippet (ES module): the caller's ARN through the default chain, no credentials passed. */
export const SDK_V3_SCRIPT = `
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
const who = await new STSClient({}).send(new GetCallerIdentityCommand({}));
console.log('SDKV3_ARN=' + who.Arn);
`;

/** Lines `NAME=value` printed by a script, as a map. */
export function printed(stdout: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) out.set(m[1]!, m[2]!);
  }
  return out;
}
