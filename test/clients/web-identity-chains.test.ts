import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateOpenIDConnectProviderCommand, CreateRoleCommand, type IAMClient } from '@aws-sdk/client-iam';
import { clientEnv, describe, runProcess } from '../support/clients-process.js';
import { signingKey, signToken, type SigningKey, TEST_CA_FILE, TEST_CA_THUMBPRINT, TestIssuer } from '../support/oidc-issuer.js';
import { repoRoot } from '../support/paths.js';
import { iamClient } from '../support/sdk-clients.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * The default credential chains of boto3, the AWS CLI and SDK v3 with what a Kubernetes pod (IRSA)
 * or a CI job gets: AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN (+ AWS_ROLE_SESSION_NAME), the
 * STS endpoint from AWS_ENDPOINT_URL_STS or AWS_ENDPOINT_URL, and no AWS keys anywhere. Each
 * client runs in its own process so its chain reads that environment; keysmith verifies the
 * Kubernetes-service-account-shaped token against a hand-rolled HTTPS issuer on 127.0.0.1 (the test
 * CA). The credentials the chains get are refreshable: they carry an expiration one hour out.
 */
const PATH = '/k8s-chains';
const SUBJECT = 'system:serviceaccount:payments:api';

let server: TestServer;
let issuer: TestIssuer;
let iam: IAMClient;
let key: SigningKey;
let dir: string;
let tokenFile: string;
let roleArn: string;

/** The pod's environment: the token file, the role, and where STS is; no keys. */
function podEnv(endpoint: Record<string, string>, sessionName = 'pod-session'): NodeJS.ProcessEnv {
  return clientEnv({
    AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile,
    AWS_ROLE_ARN: roleArn,
    AWS_ROLE_SESSION_NAME: sessionName,
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    PYTHONDONTWRITEBYTECODE: '1',
    ...endpoint,
  });
}

const assumedArn = (session: string) => `arn:aws:sts::${server.accountId}:assumed-role/pod-role/${session}`;

/** Expiration about an hour from now (AssumeRoleWithWebIdentity's default duration). */
function expiresInAnHour(expiration: string): void {
  const seconds = (Date.parse(expiration) - Date.now()) / 1000;
  assert.ok(Math.abs(seconds - 3600) < 120, `expiration ${expiration} is ${seconds}s away`);
}

suite('default credential chains with AWS_WEB_IDENTITY_TOKEN_FILE', () => {
  before(async () => {
    issuer = await TestIssuer.start();
    key = await signingKey('sa-key');
    issuer.published = [key];
    server = await startTestServer({ KEYSMITH_OIDC_ALLOW_PORTS: 'true', KEYSMITH_FEDERATION_CA_FILE: TEST_CA_FILE });
    iam = iamClient(server.url, server.admin);
    const providerArn = (
      await iam.send(
        new CreateOpenIDConnectProviderCommand({
          Url: issuer.url(PATH),
          ClientIDList: ['sts.amazonaws.com'],
          ThumbprintList: [TEST_CA_THUMBPRINT],
        }),
      )
    ).OpenIDConnectProviderArn!;
    const name = issuer.url(PATH).slice('https://'.length);
    const trust = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: providerArn },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { [`${name}:sub`]: SUBJECT, [`${name}:aud`]: 'sts.amazonaws.com' } },
        },
      ],
    };
    roleArn = (await iam.send(new CreateRoleCommand({ RoleName: 'pod-role', AssumeRolePolicyDocument: JSON.stringify(trust) }))).Role!.Arn!;
    dir = mkdtempSync(join(tmpdir(), 'keysmith-wi-chains-'));
    tokenFile = join(dir, 'token');
    // A projected service-account token as the kubelet writes it: no trailing newline.
    const now = Math.floor(Date.now() / 1000);
    const token = await signToken(key, {
      iss: issuer.url(PATH),
      aud: ['sts.amazonaws.com'],
      sub: SUBJECT,
      exp: now + 86_400,
      'kubernetes.io': { namespace: 'payments', serviceaccount: { name: 'api', uid: '4b2c' } },
    });
    writeFileSync(tokenFile, token);
  });

  after(async () => {
    iam?.destroy();
    await server?.close();
    await issuer?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("boto3's default chain (AWS_ENDPOINT_URL_STS): assume-role-with-web-identity credentials, then GetCallerIdentity", async () => {
    const program = `import boto3, json
session = boto3.Session()
arn = session.client("sts").get_caller_identity()["Arn"]
creds = session.get_credentials()
print(json.dumps({"arn": arn, "method": creds.method, "expiry": creds._expiry_time.isoformat(), "key": creds.get_frozen_credentials().access_key}))`;
    const result = await runProcess('python3', ['-c', program], { env: podEnv({ AWS_ENDPOINT_URL_STS: server.url }, 'boto3-pod') });
    assert.equal(result.code, 0, describe(result));
    const out = JSON.parse(result.stdout);
    assert.equal(out.arn, assumedArn('boto3-pod'));
    assert.equal(out.method, 'assume-role-with-web-identity');
    assert.match(out.key, /^ASIA/);
    expiresInAnHour(out.expiry);
  });

  test("boto3's default chain with the general AWS_ENDPOINT_URL", async () => {
    const program = `import boto3
print(boto3.client("sts").get_caller_identity()["Arn"])`;
    const result = await runProcess('python3', ['-c', program], { env: podEnv({ AWS_ENDPOINT_URL: server.url }, 'boto3-general') });
    assert.equal(result.code, 0, describe(result));
    assert.equal(result.stdout.trim(), assumedArn('boto3-general'));
  });

  test('the AWS CLI: aws sts get-caller-identity in the pod', async () => {
    const result = await runProcess('aws', ['sts', 'get-caller-identity', '--output', 'json'], {
      // The AWS CLI caches web-identity credentials in ~/.aws/cli/cache keyed by role and session
      // name only: a fresh HOME keeps an earlier run's (another server's) credentials out.
      env: { ...podEnv({ AWS_ENDPOINT_URL_STS: server.url }, 'cli-pod'), HOME: dir },
    });
    assert.equal(result.code, 0, describe(result));
    assert.equal(JSON.parse(result.stdout).Arn, assumedArn('cli-pod'));
  });

  test("SDK v3's default chain (a client with no credentials) and fromTokenFile: GetCallerIdentity and an Expiration", async () => {
    const code = `
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { fromTokenFile } from '@aws-sdk/credential-providers';
const client = new STSClient({});
const who = await client.send(new GetCallerIdentityCommand({}));
const chained = await client.config.credentials();
const direct = await fromTokenFile()();
client.destroy();
console.log(JSON.stringify({
  arn: who.Arn,
  chainedKey: chained.accessKeyId,
  chainedExpiration: chained.expiration?.toISOString(),
  directKey: direct.accessKeyId,
  directExpiration: direct.expiration?.toISOString(),
}));`;
    const endpoints: Record<string, string>[] = [{ AWS_ENDPOINT_URL_STS: server.url }, { AWS_ENDPOINT_URL: server.url }];
    for (const endpoint of endpoints) {
      const result = await runProcess(process.execPath, ['--input-type=module', '-e', code], {
        env: podEnv(endpoint, 'sdk-pod'),
        cwd: repoRoot,
      });
      assert.equal(result.code, 0, `${Object.keys(endpoint)[0]}\n${describe(result)}`);
      const out = JSON.parse(result.stdout);
      assert.equal(out.arn, assumedArn('sdk-pod'));
      assert.match(out.chainedKey, /^ASIA/);
      expiresInAnHour(out.chainedExpiration);
      // fromTokenFile called again assumes the role again: new credentials, a fresh expiration.
      assert.match(out.directKey, /^ASIA/);
      assert.notEqual(out.directKey, out.chainedKey);
      expiresInAnHour(out.directExpiration);
    }
  });
});
