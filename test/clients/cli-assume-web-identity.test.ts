import { after, before, describe, it } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateOpenIDConnectProviderCommand, CreateRoleCommand, type IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { clientEnv, describe as showRun, type ProcessResult, runProcess } from '../support/clients-process.js';
import { signingKey, signToken, type SigningKey, TEST_CA_FILE, TEST_CA_THUMBPRINT, TestIssuer } from '../support/oidc-issuer.js';
import { repoRoot } from '../support/paths.js';
import { iamClient, stsClient } from '../support/sdk-clients.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * `keysmith assume --web-identity-token-file FILE` as a person (or a CI job) uses it: a child
 * process that reads an OpenID Connect token from a file and calls AssumeRoleWithWebIdentity
 * unsigned — no AWS credentials anywhere — against a keysmith that verifies the token with a
 * hand-rolled HTTPS issuer on 127.0.0.1 (the test CA), and prints the credentials as it does for
 * AssumeRole.
 */
const bin = join(repoRoot, 'bin', 'keysmith.js');
const GH = '/gh-cli';

describe('keysmith assume --web-identity-token-file', () => {
  let server: TestServer;
  let issuer: TestIssuer;
  let iam: IAMClient;
  let key: SigningKey;
  let dir: string;
  let roleArn: string;
  let providerArn: string;

  const keysmith = (args: string[], env: Record<string, string> = {}): Promise<ProcessResult> =>
    runProcess(process.execPath, [bin, 'assume', ...args], { env: clientEnv(env) });

  async function tokenFile(name: string, claims: Record<string, unknown> = {}, trailer = ''): Promise<string> {
    const path = join(dir, name);
    const token = await signToken(key, {
      iss: issuer.url(GH),
      aud: 'sts.amazonaws.com',
      sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
      ...claims,
    });
    writeFileSync(path, token + trailer);
    return path;
  }

  before(async () => {
    issuer = await TestIssuer.start();
    key = await signingKey('cli-key');
    issuer.published = [key];
    server = await startTestServer({ KEYSMITH_OIDC_ALLOW_PORTS: 'true', KEYSMITH_FEDERATION_CA_FILE: TEST_CA_FILE });
    iam = iamClient(server.url, server.admin);
    dir = mkdtempSync(join(tmpdir(), 'keysmith-assume-wi-'));
    providerArn = (
      await iam.send(
        new CreateOpenIDConnectProviderCommand({
          Url: issuer.url(GH),
          ClientIDList: ['sts.amazonaws.com'],
          ThumbprintList: [TEST_CA_THUMBPRINT],
        }),
      )
    ).OpenIDConnectProviderArn!;
    const name = issuer.url(GH).slice('https://'.length);
    const trust = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: providerArn },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { [`${name}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${name}:sub`]: 'repo:octo-org/*' } },
        },
      ],
    };
    roleArn = (await iam.send(new CreateRoleCommand({ RoleName: 'gh-cli', AssumeRolePolicyDocument: JSON.stringify(trust) }))).Role!.Arn!;
  });

  after(async () => {
    iam?.destroy();
    await server?.close();
    await issuer?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('prints export lines that, eval-ed with no AWS credentials at all, make GetCallerIdentity answer with the role', async () => {
    const file = await tokenFile('token-env');
    const script = `set -e
eval "$("${process.execPath}" "${bin}" assume "${roleArn}" --session-name gh-run --web-identity-token-file "${file}" --endpoint-url "${server.url}")"
printf '%s\\n%s\\n%s\\n%s\\n' "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN" "$AWS_CREDENTIAL_EXPIRATION"`;
    const result = await runProcess('bash', ['-c', script], { env: clientEnv() });
    assert.equal(result.code, 0, showRun(result));
    const [accessKeyId, secretAccessKey, sessionToken, expiration] = result.stdout.trim().split('\n');
    assert.match(accessKeyId!, /^ASIA/);
    assert.ok(Math.abs((Date.parse(expiration!) - Date.now()) / 1000 - 3600) < 60);
    const session = stsClient(server.url, { accessKeyId: accessKeyId!, secretAccessKey: secretAccessKey!, sessionToken: sessionToken! });
    try {
      const who = await session.send(new GetCallerIdentityCommand({}));
      assert.equal(who.Arn, `arn:aws:sts::${server.accountId}:assumed-role/gh-cli/gh-run`);
    } finally {
      session.destroy();
    }
  });

  it('--format json prints the AssumeRoleWithWebIdentity result; ROLE_ARN and the session name may come from AWS_ROLE_ARN / AWS_ROLE_SESSION_NAME', async () => {
    // A token file with the trailing newline `echo` leaves; AWS credentials in the environment
    // that do not exist in keysmith are never used (the request is unsigned).
    const file = await tokenFile('token-json', {}, '\n');
    const result = await keysmith(['--web-identity-token-file', file, '--format', 'json', '--duration', '900'], {
      AWS_ROLE_ARN: roleArn,
      AWS_ROLE_SESSION_NAME: 'from-env',
      AWS_ENDPOINT_URL_STS: server.url,
      AWS_ACCESS_KEY_ID: 'AKIANOSUCHKEY0000000',
      AWS_SECRET_ACCESS_KEY: 'not-a-key',
    });
    assert.equal(result.code, 0, showRun(result));
    const out = JSON.parse(result.stdout);
    assert.deepEqual(Object.keys(out), ['Credentials', 'SubjectFromWebIdentityToken', 'AssumedRoleUser', 'Provider', 'Audience']);
    assert.deepEqual(Object.keys(out.Credentials), ['AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration']);
    assert.equal(out.SubjectFromWebIdentityToken, 'repo:octo-org/octo-repo:ref:refs/heads/main');
    assert.equal(out.AssumedRoleUser.Arn, `arn:aws:sts::${server.accountId}:assumed-role/gh-cli/from-env`);
    assert.match(out.AssumedRoleUser.AssumedRoleId, /^AROA[A-Z0-9]+:from-env$/);
    assert.equal(out.Provider, providerArn);
    assert.equal(out.Audience, 'sts.amazonaws.com');
    assert.ok(Math.abs((Date.parse(out.Credentials.Expiration) - Date.now()) / 1000 - 900) < 60);
  });

  it('--format credential-process feeds boto3 through credential_process in ~/.aws/config', async () => {
    const file = await tokenFile('token-cp');
    const configFile = join(dir, 'config-cp');
    const command = `${process.execPath} ${bin} assume ${roleArn} --session-name via-process --web-identity-token-file ${file} --format credential-process --endpoint-url ${server.url}`;
    writeFileSync(configFile, `[profile federated]\nregion = us-east-1\ncredential_process = ${command}\n`);
    const program = `import boto3, json
session = boto3.Session(profile_name="federated")
print(json.dumps(session.client("sts", endpoint_url=${JSON.stringify(server.url)}).get_caller_identity()["Arn"]))`;
    const result = await runProcess('python3', ['-c', program], { env: clientEnv({ AWS_CONFIG_FILE: configFile }) });
    assert.equal(result.code, 0, showRun(result));
    assert.equal(JSON.parse(result.stdout), `arn:aws:sts::${server.accountId}:assumed-role/gh-cli/via-process`);
  });

  it("refusals: AWS's error as the AWS CLI prints it (exit 255), unreadable files, and flags that do not apply (exit 2)", async () => {
    const wrongAudience = await keysmith([
      roleArn,
      '--session-name',
      'refused',
      '--web-identity-token-file',
      await tokenFile('token-aud', { aud: 'someone-else' }),
      '--endpoint-url',
      server.url,
    ]);
    assert.equal(wrongAudience.code, 255, showRun(wrongAudience));
    assert.equal(wrongAudience.stdout, '');
    assert.match(
      wrongAudience.stderr,
      /^\nAn error occurred \(InvalidIdentityToken\) when calling the AssumeRoleWithWebIdentity operation: Incorrect token audience\n/,
    );

    const wrongSubject = await keysmith([
      roleArn,
      '--session-name',
      'refused',
      '--web-identity-token-file',
      await tokenFile('token-sub', { sub: 'repo:evil-org/x:ref:refs/heads/main' }),
      '--endpoint-url',
      server.url,
    ]);
    assert.equal(wrongSubject.code, 255, showRun(wrongSubject));
    assert.match(
      wrongSubject.stderr,
      /An error occurred \(AccessDenied\) when calling the AssumeRoleWithWebIdentity operation: Not authorized to perform sts:AssumeRoleWithWebIdentity\n/,
    );

    const missing = await keysmith([
      roleArn,
      '--session-name',
      's1',
      '--web-identity-token-file',
      join(dir, 'absent'),
      '--endpoint-url',
      server.url,
    ]);
    assert.equal(missing.code, 255);
    assert.match(missing.stderr, /Unable to read the web identity token file .*absent \(ENOENT\)/);

    const file = await tokenFile('token-flags');
    const externalId = await keysmith([roleArn, '--session-name', 's1', '--web-identity-token-file', file, '--external-id', 'x']);
    assert.equal(externalId.code, 2, showRun(externalId));
    assert.match(externalId.stderr, /--external-id does not apply with --web-identity-token-file/);
    const noRole = await keysmith(['--session-name', 's1', '--web-identity-token-file', file]);
    assert.equal(noRole.code, 2);
    assert.match(noRole.stderr, /give exactly one ROLE_ARN/);
  });

  it('--help lists the option', async () => {
    const help = await keysmith(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--web-identity-token-file FILE/);
    assert.match(help.stdout, /AssumeRoleWithWebIdentity/);
  });
});
