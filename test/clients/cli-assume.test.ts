import { after, before, describe, it } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, type IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { repoRoot } from '../support/paths.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { type Credentials, iamClient, stsClient } from '../support/sdk-clients.js';

/**
 * `keysmith assume` as a person uses it: a child process signing with the caller's usual AWS
 * credentials (environment, or the shared files and a profile), printing export lines to eval,
 * JSON, or the credential_process format that boto3 and the AWS CLI consume.
 */
const bin = join(repoRoot, 'bin', 'keysmith.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : -1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** The environment without the runner's own AWS settings, plus `extra`. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_')) env[k] = v;
  return { ...env, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_EC2_METADATA_DISABLED: 'true', ...extra };
}

const keyEnv = (c: Credentials): Record<string, string> => ({
  AWS_ACCESS_KEY_ID: c.accessKeyId,
  AWS_SECRET_ACCESS_KEY: c.secretAccessKey,
  ...(c.sessionToken ? { AWS_SESSION_TOKEN: c.sessionToken } : {}),
});

const show = (r: Run) => `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;

describe('keysmith assume', () => {
  let server: TestServer;
  let iam: IAMClient;
  let alice: Credentials;
  let dir: string;
  let roleArn: string;
  let guardedArn: string;
  let secondArn: string;

  before(async () => {
    server = await startTestServer();
    iam = iamClient(server.url, server.admin);
    dir = mkdtempSync(join(tmpdir(), 'keysmith-assume-'));
    const acct = server.accountId;
    await iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'alice',
        PolicyName: 'assume',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${acct}:role/*` }],
        }),
      }),
    );
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!;
    alice = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
    const trust = (extra: object = {}) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${acct}:user/alice` }, Action: 'sts:AssumeRole', ...extra }],
      });
    roleArn = (await iam.send(new CreateRoleCommand({ RoleName: 'deployer', AssumeRolePolicyDocument: trust() }))).Role!.Arn!;
    guardedArn = (
      await iam.send(
        new CreateRoleCommand({
          RoleName: 'guarded',
          AssumeRolePolicyDocument: trust({ Condition: { StringEquals: { 'sts:ExternalId': 'ext-42' } } }),
        }),
      )
    ).Role!.Arn!;
    secondArn = (
      await iam.send(
        new CreateRoleCommand({
          RoleName: 'second',
          AssumeRolePolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${acct}:role/deployer` }, Action: 'sts:AssumeRole' }],
          }),
        }),
      )
    ).Role!.Arn!;
  });

  after(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints export lines that, eval-ed in a shell, make GetCallerIdentity answer with the assumed role', async () => {
    const script = `set -e
eval "$("${process.execPath}" "${bin}" assume "${roleArn}" --session-name e2e-session --endpoint-url "${server.url}")"
printf '%s\\n%s\\n%s\\n%s\\n' "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN" "$AWS_CREDENTIAL_EXPIRATION"`;
    const result = await run('bash', ['-c', script], cleanEnv(keyEnv(alice)));
    assert.equal(result.code, 0, show(result));
    const [accessKeyId, secretAccessKey, sessionToken, expiration] = result.stdout.trim().split('\n');
    assert.match(accessKeyId!, /^ASIA/);
    assert.ok(Math.abs((Date.parse(expiration!) - Date.now()) / 1000 - 3600) < 60);
    const who = await stsClient(server.url, {
      accessKeyId: accessKeyId!,
      secretAccessKey: secretAccessKey!,
      sessionToken: sessionToken!,
    }).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, `arn:aws:sts::${server.accountId}:assumed-role/deployer/e2e-session`);
  });

  it('works end to end with the AWS CLI in the same shell', async () => {
    const script = `set -e
eval "$("${process.execPath}" "${bin}" assume "${roleArn}" --session-name cli-session)"
aws sts get-caller-identity --output json`;
    const result = await run(
      'bash',
      ['-c', script],
      cleanEnv({ ...keyEnv(alice), AWS_ENDPOINT_URL: server.url, AWS_DEFAULT_REGION: 'us-east-1' }),
    );
    assert.equal(result.code, 0, show(result));
    assert.equal(JSON.parse(result.stdout).Arn, `arn:aws:sts::${server.accountId}:assumed-role/deployer/cli-session`);
  });

  it('--format json gives the AssumeRole result as the AWS CLI prints it; --duration passes through', async () => {
    const result = await run(
      process.execPath,
      [bin, 'assume', roleArn, '--session-name', 'json-session', '--duration', '900', '--format', 'json', '--endpoint-url', server.url],
      cleanEnv(keyEnv(alice)),
    );
    assert.equal(result.code, 0, show(result));
    const out = JSON.parse(result.stdout);
    assert.deepEqual(Object.keys(out.Credentials), ['AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration']);
    assert.equal(out.AssumedRoleUser.Arn, `arn:aws:sts::${server.accountId}:assumed-role/deployer/json-session`);
    assert.match(out.AssumedRoleUser.AssumedRoleId, /^AROA[A-Z2-7]+:json-session$/);
    assert.ok(Math.abs((Date.parse(out.Credentials.Expiration) - Date.now()) / 1000 - 900) < 60);
  });

  it('signs with a profile from the shared credentials file (AWS_PROFILE), and passes --external-id', async () => {
    const credentialsFile = join(dir, 'credentials');
    writeFileSync(
      credentialsFile,
      `[default]\naws_access_key_id = AKIAWRONGWRONGWRONG1\naws_secret_access_key = wrong\n\n[alice]\naws_access_key_id = ${alice.accessKeyId}\naws_secret_access_key = ${alice.secretAccessKey}\n`,
    );
    const env = cleanEnv({ AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_PROFILE: 'alice', AWS_ENDPOINT_URL_STS: server.url });
    const ok = await run(
      process.execPath,
      [bin, 'assume', guardedArn, '--session-name', 'guarded', '--external-id', 'ext-42', '--format', 'json'],
      env,
    );
    assert.equal(ok.code, 0, show(ok));
    assert.equal(JSON.parse(ok.stdout).AssumedRoleUser.Arn, `arn:aws:sts::${server.accountId}:assumed-role/guarded/guarded`);
    const viaFlag = await run(
      process.execPath,
      [bin, 'assume', roleArn, '--session-name', 'flagged', '--profile', 'alice', '--format', 'json'],
      cleanEnv({ AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_ENDPOINT_URL: server.url }),
    );
    assert.equal(viaFlag.code, 0, show(viaFlag));
  });

  it('prints AWS errors as the AWS CLI does and exits 255', async () => {
    const result = await run(
      process.execPath,
      [bin, 'assume', guardedArn, '--session-name', 'refused', '--external-id', 'wrong-id', '--endpoint-url', server.url],
      cleanEnv(keyEnv(alice)),
    );
    assert.equal(result.code, 255, show(result));
    assert.equal(result.stdout, '');
    assert.match(
      result.stderr,
      new RegExp(
        `^\\nAn error occurred \\(AccessDenied\\) when calling the AssumeRole operation: User: arn:aws:iam::${server.accountId}:user/alice is not authorized to perform: sts:AssumeRole on resource: ${guardedArn.replace(/[/]/g, '\\/')}`,
      ),
    );
    const validation = await run(
      process.execPath,
      [bin, 'assume', roleArn, '--session-name', 'x', '--endpoint-url', server.url],
      cleanEnv(keyEnv(alice)),
    );
    assert.equal(validation.code, 255);
    assert.match(
      validation.stderr,
      /An error occurred \(ValidationError\) when calling the AssumeRole operation: 1 validation error detected: Value 'x' at 'roleSessionName'/,
    );
    const noCreds = await run(
      process.execPath,
      [bin, 'assume', roleArn, '--session-name', 'nocreds', '--endpoint-url', server.url],
      cleanEnv({}),
    );
    assert.equal(noCreds.code, 255);
    assert.match(noCreds.stderr, /Unable to locate credentials/);
    const usage = await run(process.execPath, [bin, 'assume', roleArn], cleanEnv(keyEnv(alice)));
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--session-name is required/);
  });

  it('chains: signs with AWS_SESSION_TOKEN from a previous assume', async () => {
    const first = await run(
      process.execPath,
      [bin, 'assume', roleArn, '--session-name', 'hop1', '--format', 'json', '--endpoint-url', server.url],
      cleanEnv(keyEnv(alice)),
    );
    const c = JSON.parse(first.stdout).Credentials;
    // deployer itself has no policy allowing sts:AssumeRole, but the trust policy names the role
    // directly, which is enough in the same account.
    const second = await run(
      process.execPath,
      [bin, 'assume', secondArn, '--session-name', 'hop2', '--format', 'json', '--endpoint-url', server.url],
      cleanEnv(keyEnv({ accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken })),
    );
    assert.equal(second.code, 0, show(second));
    assert.equal(JSON.parse(second.stdout).AssumedRoleUser.Arn, `arn:aws:sts::${server.accountId}:assumed-role/second/hop2`);
  });

  it('--format credential-process feeds boto3 through credential_process in ~/.aws/config', async () => {
    const credentialsFile = join(dir, 'credentials-cp');
    writeFileSync(credentialsFile, `[base]\naws_access_key_id = ${alice.accessKeyId}\naws_secret_access_key = ${alice.secretAccessKey}\n`);
    const configFile = join(dir, 'config-cp');
    const command = `${process.execPath} ${bin} assume ${roleArn} --session-name via-process --profile base --format credential-process --endpoint-url ${server.url}`;
    writeFileSync(configFile, `[profile assumed]\nregion = us-east-1\ncredential_process = ${command}\n`);
    const program = `import boto3, json
session = boto3.Session(profile_name="assumed")
print(json.dumps(session.client("sts", endpoint_url=${JSON.stringify(server.url)}).get_caller_identity()["Arn"]))`;
    const result = await run(
      'python3',
      ['-c', program],
      cleanEnv({ AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile }),
    );
    assert.equal(result.code, 0, show(result));
    assert.equal(JSON.parse(result.stdout), `arn:aws:sts::${server.accountId}:assumed-role/deployer/via-process`);

    const raw = await run(process.execPath, command.split(' ').slice(1), cleanEnv({ AWS_SHARED_CREDENTIALS_FILE: credentialsFile }));
    const parsed = JSON.parse(raw.stdout);
    assert.deepEqual(Object.keys(parsed), ['Version', 'AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration']);
    assert.equal(parsed.Version, 1);
  });
});
