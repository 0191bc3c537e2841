import { after, before, describe, it } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateInstanceProfileCommand, AddRoleToInstanceProfileCommand } from '@aws-sdk/client-iam';
import { clientEnv, describe as show, runProcess } from '../support/clients-process.js';
import { bin, keysmith, printed, runnerEnv, serviceRoleWorld, type ServiceRoleWorld } from '../support/clients-service-roles.js';
import { repoRoot } from '../support/paths.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { allow, createRole, createUser, policyDoc, type TestRole, type TestUser } from '../support/sts-helpers.js';

/**
 * What `keysmith run` refuses and hides: PassRole as AWS checks it, a trust policy for another
 * service, the local endpoints' tokens, the runner's own credentials; and what it passes on (the
 * command's exit status). Then the standing forms: `keysmith endpoint` and `keysmith grant`.
 */
describe('keysmith run: refusals, isolation, exit status; keysmith endpoint and grant', () => {
  let server: TestServer;
  let world: ServiceRoleWorld;
  let nobody: TestUser;
  let ecsOnlyPasser: TestUser;
  let ecsOnly: TestRole;

  before(async () => {
    server = await startTestServer();
    world = await serviceRoleWorld(server);
    nobody = await createUser(world.iam, 'nobody');
    ecsOnlyPasser = await createUser(
      world.iam,
      'ecs-deployer',
      policyDoc(
        allow('iam:PassRole', world.role.arn, { Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } } }),
      ),
    );
    ecsOnly = await createRole(
      world.iam,
      'ecs-only',
      policyDoc({ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }),
    );
    await world.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'ecs-only-profile' }));
    await world.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'ecs-only-profile', RoleName: 'ecs-only' }));
    await world.iam.send(
      new (await import('@aws-sdk/client-iam')).PutUserPolicyCommand({
        UserName: 'launcher',
        PolicyName: 'pass-ecs-only',
        PolicyDocument: policyDoc(allow('iam:PassRole', ecsOnly.arn)),
      }),
    );
  });
  after(async () => {
    await server?.close();
    if (world) rmSync(world.dir, { recursive: true, force: true });
  });

  const refusal = (operation = 'CreateCredentialGrant') =>
    new RegExp(`^\\nAn error occurred \\(([A-Za-z]+)\\) when calling the ${operation} operation: (.*)$`, 'm');

  it('PassRole: a user without it is refused as AWS refuses it, exit 255, the command never runs', async () => {
    const marker = join(world.dir, 'ran-nobody');
    const r = await keysmith(['run', '--role', world.role.arn, '--', 'touch', marker], runnerEnv(world, {}, nobody));
    assert.equal(r.code, 255, show(r));
    const [, code, message] = refusal().exec(r.stderr) ?? [];
    assert.equal(code, 'AccessDenied', show(r));
    assert.ok(
      message?.startsWith(`User: ${nobody.arn} is not authorized to perform: iam:PassRole on resource: ${world.role.arn}`),
      show(r),
    );
    assert.throws(() => readFileSync(marker));
  });

  it('PassRole with iam:PassedToService: passing to ECS is allowed, to EC2 refused', async () => {
    const ok = await keysmith(['run', '--role', world.role.arn, '--as', 'ecs', '--', 'true'], runnerEnv(world, {}, ecsOnlyPasser));
    assert.equal(ok.code, 0, show(ok));
    const refused = await keysmith(['run', '--role', world.role.arn, '--as', 'ec2', '--', 'true'], runnerEnv(world, {}, ecsOnlyPasser));
    assert.equal(refused.code, 255, show(refused));
    assert.equal(refusal().exec(refused.stderr)?.[1], 'AccessDenied', show(refused));
    assert.match(refused.stderr, /is not authorized to perform: iam:PassRole/);
  });

  it("a trust policy for another service refuses the run with the service's own message", async () => {
    const ec2 = await keysmith(['run', '--role', ecsOnly.arn, '--as', 'ec2', '--', 'true'], runnerEnv(world));
    assert.equal(ec2.code, 255, show(ec2));
    const [, code, message] = refusal().exec(ec2.stderr) ?? [];
    assert.equal(code, 'AssumeRoleUnauthorizedAccess', show(ec2));
    assert.match(message!, /^EC2 cannot assume the role ecs-only\. Please see documentation at https:\/\/docs\.aws\.amazon\.com\//);
    const lambda = await keysmith(['run', '--role', ecsOnly.arn, '--as', 'lambda', '--', 'true'], runnerEnv(world));
    assert.equal(lambda.code, 255, show(lambda));
    assert.match(lambda.stderr, /The role defined for the function cannot be assumed by Lambda\./);
  });

  it('the container endpoint refuses a missing or wrong token; the right one gets credentials', async () => {
    const probe = `
const url = process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
const status = async (headers) => (await fetch(url, { headers })).status;
console.log('NONE=' + (await status({})));
console.log('WRONG=' + (await status({ authorization: 'not-the-token' })));
console.log('RIGHT=' + (await status({ authorization: process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN })));`;
    const r = await keysmith(
      ['run', '--role', world.role.arn, '--', process.execPath, '--input-type=module', '-e', probe],
      runnerEnv(world),
    );
    assert.equal(r.code, 0, show(r));
    const out = printed(r.stdout);
    assert.deepEqual([out.get('NONE'), out.get('WRONG'), out.get('RIGHT')], ['401', '403', '200']);
  });

  it('the instance metadata service refuses a GET without a session token (IMDSv1 off), and serves one with it', async () => {
    const probe = `
const base = process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT;
const path = new URL('latest/meta-data/iam/security-credentials/', base);
console.log('V1=' + (await fetch(path)).status);
const token = await (await fetch(new URL('latest/api/token', base), { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' } })).text();
const role = await (await fetch(path, { headers: { 'x-aws-ec2-metadata-token': token } })).text();
console.log('ROLE=' + role);
const creds = JSON.parse(await (await fetch(new URL(role, path), { headers: { 'x-aws-ec2-metadata-token': token } })).text());
console.log('CODE=' + creds.Code);
const info = JSON.parse(await (await fetch(new URL('latest/meta-data/iam/info', base), { headers: { 'x-aws-ec2-metadata-token': token } })).text());
console.log('PROFILE=' + info.InstanceProfileArn);`;
    const r = await keysmith(
      ['run', '--role', world.role.arn, '--as', 'ec2', '--', process.execPath, '--input-type=module', '-e', probe],
      runnerEnv(world),
    );
    assert.equal(r.code, 0, show(r));
    const out = printed(r.stdout);
    assert.equal(out.get('V1'), '401');
    assert.equal(out.get('ROLE'), 'app');
    assert.equal(out.get('CODE'), 'Success');
    assert.equal(out.get('PROFILE'), `arn:aws:iam::${server.accountId}:instance-profile/app-profile`);
  });

  it("the runner's own keys, profile and shared files are not visible to the program", async () => {
    const credentials = join(world.dir, 'runner-credentials');
    writeFileSync(
      credentials,
      `[runner]\naws_access_key_id = ${world.launcher.creds.accessKeyId}\naws_secret_access_key = ${world.launcher.creds.secretAccessKey}\n`,
    );
    // Signed with the profile (AWS_PROFILE): the environment also carries a decoy key pair and session token.
    const env = clientEnv({
      AWS_PROFILE: 'runner',
      AWS_SHARED_CREDENTIALS_FILE: credentials,
      AWS_ENDPOINT_URL: server.url,
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/decoy',
      AWS_WEB_IDENTITY_TOKEN_FILE: credentials,
    });
    const script =
      'env | grep "^AWS_" | sort; echo "---"; cat "$AWS_SHARED_CREDENTIALS_FILE" "$AWS_CONFIG_FILE"; echo "MODES=$(stat -c %a "$AWS_SHARED_CREDENTIALS_FILE" "$AWS_CONFIG_FILE" | tr "\\n" ,)"';
    const r = await keysmith(['run', '--role', world.role.arn, '--', 'bash', '-c', script], env);
    assert.equal(r.code, 0, show(r));
    assert.ok(!r.stdout.includes(world.launcher.creds.accessKeyId), r.stdout);
    assert.ok(!r.stdout.includes(world.launcher.creds.secretAccessKey), r.stdout);
    assert.doesNotMatch(
      r.stdout,
      /^AWS_(PROFILE|ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|ROLE_ARN|WEB_IDENTITY_TOKEN_FILE|EC2_METADATA_DISABLED)=/m,
    );
    const out = printed(r.stdout);
    assert.notEqual(out.get('AWS_SHARED_CREDENTIALS_FILE'), credentials);
    assert.equal(out.get('MODES'), '600,600,');
    assert.equal(out.get('AWS_REGION'), 'us-east-1');
    assert.equal(out.get('AWS_ENDPOINT_URL'), server.url);
    // The program's files are gone once the run ends.
    assert.throws(() => readFileSync(out.get('AWS_SHARED_CREDENTIALS_FILE')!));
  });

  it("passes the command's exit status on: its code, 128+N for signal N, 127 for a command not found", async () => {
    const seven = await keysmith(['run', '--role', world.role.arn, '--', 'sh', '-c', 'exit 7'], runnerEnv(world));
    assert.equal(seven.code, 7, show(seven));
    const killed = await keysmith(['run', '--role', world.role.arn, '--', 'sh', '-c', 'kill -TERM $$'], runnerEnv(world));
    assert.equal(killed.code, 143, show(killed));
    const missing = await keysmith(['run', '--role', world.role.arn, '--', 'no-such-command-keysmith'], runnerEnv(world));
    assert.equal(missing.code, 127, show(missing));
    assert.match(missing.stderr, /no-such-command-keysmith: command not found/);
  });

  it('revokes the grant when the command ends, and forwards SIGTERM to it', async () => {
    const child = spawn(process.execPath, [bin, 'run', '--verbose', '--role', world.role.arn, '--', 'sleep', '30'], {
      env: runnerEnv(world),
      cwd: repoRoot,
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await waitFor(() => stderr.includes('container credentials at'), 20_000);
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    assert.equal(code, 143, stderr);
    assert.match(stderr, /passing SIGTERM to the command/);
    assert.match(stderr, /grant cg-[0-9a-f]+ revoked/);
    assert.ok(!stderr.includes(world.launcher.creds.secretAccessKey));
  });

  it("keysmith grant create prints the environment for the server's own route; grant revoke ends it", async () => {
    const created = await keysmith(['grant', 'create', '--role', world.role.arn, '--format', 'json'], runnerEnv(world));
    assert.equal(created.code, 0, show(created));
    const grant = JSON.parse(created.stdout);
    assert.equal(grant.ComputeType, 'ecs');
    assert.equal(grant.Environment.AWS_CONTAINER_CREDENTIALS_FULL_URI, `${server.url}/_keysmith/credentials`);
    assert.equal(grant.Environment.AWS_CONTAINER_AUTHORIZATION_TOKEN, grant.GrantToken);
    const sdk = `
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
console.log('ARN=' + (await new STSClient({}).send(new GetCallerIdentityCommand({}))).Arn);`;
    const env = clientEnv({ ...grant.Environment, AWS_ENDPOINT_URL: server.url, AWS_REGION: 'us-east-1' });
    const used = await runProcess(process.execPath, ['--input-type=module', '-e', sdk], { env, cwd: repoRoot });
    assert.equal(used.code, 0, show(used));
    assert.equal(printed(used.stdout).get('ARN'), `arn:aws:sts::${server.accountId}:assumed-role/app/${grant.SessionName}`);
    const revoked = await keysmith(['grant', 'revoke', grant.GrantId], runnerEnv(world));
    assert.equal(revoked.code, 0, show(revoked));
    const after = await fetch(grant.Environment.AWS_CONTAINER_CREDENTIALS_FULL_URI, { headers: { authorization: grant.GrantToken } });
    assert.equal(after.status, 403);
    const envFormat = await keysmith(['grant', 'create', '--role', world.role.arn, '--as', 'eks-pod-identity'], runnerEnv(world));
    assert.equal(envFormat.code, 0, show(envFormat));
    assert.match(
      envFormat.stdout,
      /^# keysmith grant (cg-[0-9a-f]+): .*\nexport AWS_CONTAINER_CREDENTIALS_FULL_URI=\S+\/_keysmith\/credentials\nexport AWS_CONTAINER_AUTHORIZATION_TOKEN=\S+\n$/,
    );
  });

  it('keysmith endpoint serves standing until SIGTERM, then revokes', async () => {
    const child = spawn(process.execPath, [bin, 'endpoint', '--role', world.role.arn, '--as', 'ec2', '--verbose'], {
      env: runnerEnv(world),
      cwd: repoRoot,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await waitFor(() => stdout.includes('AWS_EC2_METADATA_SERVICE_ENDPOINT'), 20_000);
    const endpoint = /^export AWS_EC2_METADATA_SERVICE_ENDPOINT=(\S+)$/m.exec(stdout)![1]!;
    assert.match(endpoint, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const cli = await runProcess('aws', ['sts', 'get-caller-identity', '--query', 'Arn', '--output', 'text'], {
      env: clientEnv({
        AWS_EC2_METADATA_DISABLED: 'false',
        AWS_EC2_METADATA_SERVICE_ENDPOINT: endpoint,
        AWS_ENDPOINT_URL: server.url,
        AWS_DEFAULT_REGION: 'us-east-1',
      }),
    });
    assert.equal(cli.code, 0, show(cli));
    assert.match(cli.stdout.trim(), new RegExp(`^arn:aws:sts::${server.accountId}:assumed-role/app/i-[0-9a-f]{17}$`));
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    assert.equal(code, 0, stderr);
    assert.match(stderr, /grant cg-[0-9a-f]+ revoked/);
    await assert.rejects(fetch(endpoint));
  });
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}
