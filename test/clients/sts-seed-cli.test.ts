import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../support/server.js';
import { awsCli, type CliResult } from '../support/clients-aws-cli.js';
import { clientEnv, credentialEnv, describe, runProcess } from '../support/clients-process.js';
import { repoRoot } from '../support/paths.js';

/**
 * The seed documents' AWS CLI flow (../shared/seeds/001…: "How enable access to AWS STS
 * AssumeRole"), through the real AWS CLI v1 with only the endpoint changed: create the role with
 * its trust policy, allow the user sts:AssumeRole with the seed's identity policy, `aws sts
 * assume-role --role-arn … --role-session-name ExampleSession`, export the three variables, and
 * `aws sts get-caller-identity` shows the assumed-role ARN. Then the same through a CLI profile
 * with role_arn + source_profile, where the CLI assumes the role itself.
 *
 * Pointing the CLI's own assume-role call at keysmith: `--endpoint-url` applies only to the
 * command's client, not to the STS client botocore's assume-role credential provider builds (with
 * `--endpoint-url` alone it calls https://sts.us-east-1.amazonaws.com/). What works (botocore ≥
 * 1.31, service-specific endpoints): AWS_ENDPOINT_URL_STS or AWS_ENDPOINT_URL in the environment,
 * `endpoint_url` in the profile, or a `services` section with `sts = endpoint_url = …`. The CLI
 * caches assumed-role credentials in ~/.aws/cli/cache, so each run here gets a fresh HOME.
 */

const ACCOUNT = '123456789012';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/ExampleRole`;
const SESSION_ARN = `arn:aws:sts::${ACCOUNT}:assumed-role/ExampleRole/ExampleSession`;
const fixture = (name: string) => join(repoRoot, 'test/fixtures/sts', name);

let server: TestServer;
let user: { accessKeyId: string; secretAccessKey: string };
let roleId: string;
let work: string;

const admin = (args: string[]) => awsCli(server.url, server.admin, args);

function ok(result: CliResult): any {
  assert.equal(result.code, 0, describe(result));
  return result.json;
}

function failed(result: CliResult, code: string, operation: string): string {
  assert.equal(result.code, 255, describe(result));
  assert.ok(result.error, `no AWS error line in stderr:\n${result.stderr}`);
  assert.equal(result.error.code, code, result.stderr);
  assert.equal(result.error.operation, operation, result.stderr);
  return result.error.message;
}

/** A fresh, empty HOME so the CLI's credential cache never answers for keysmith. */
function freshHome(): string {
  return mkdtempSync(join(work, 'home-'));
}

suite('seed: AWS CLI AssumeRole flow', () => {
  before(async () => {
    server = await startTestServer();
    work = mkdtempSync(join(tmpdir(), 'keysmith-sts-cli-'));
  });
  after(async () => {
    await server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('the seed trust policy as printed names ExampleRole itself: refused while that role does not exist (as on AWS)', async () => {
    const message = failed(
      await admin([
        'iam',
        'create-role',
        '--role-name',
        'ExampleRole',
        '--assume-role-policy-document',
        `file://${fixture('seed-trust-policy.json')}`,
      ]),
      'MalformedPolicyDocument',
      'CreateRole',
    );
    assert.equal(message, `Invalid principal in policy: "AWS":"${ROLE_ARN}"`);
  });

  test('create the role (trusting the account, as the seed says to fill in), a user, and the seed identity policy', async () => {
    // The seed: "Replace "123456789012" with the actual AWS account ID or role ARN that needs
    // permission to assume this role" — here the account id, so the identity policy is needed too.
    const role = ok(
      await admin([
        'iam',
        'create-role',
        '--role-name',
        'ExampleRole',
        '--assume-role-policy-document',
        `file://${fixture('seed-trust-policy-account.json')}`,
      ]),
    ).Role;
    assert.equal(role.Arn, ROLE_ARN);
    assert.match(role.RoleId, /^AROA[A-Z2-7]{17}$/);
    roleId = role.RoleId;
    // "Attach appropriate permissions policies": what the assumed role may do.
    ok(
      await admin([
        'iam',
        'put-role-policy',
        '--role-name',
        'ExampleRole',
        '--policy-name',
        'ExamplePermissions',
        '--policy-document',
        `file://${fixture('seed-role-permissions.json')}`,
      ]),
    );

    ok(await admin(['iam', 'create-user', '--user-name', 'ExampleUser']));
    const key = ok(await admin(['iam', 'create-access-key', '--user-name', 'ExampleUser'])).AccessKey;
    user = { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey };

    // Before step 2 of the seed, the trust policy alone (naming only the account) is not enough.
    const denied = failed(
      await awsCli(server.url, user, ['sts', 'assume-role', '--role-arn', ROLE_ARN, '--role-session-name', 'ExampleSession']),
      'AccessDenied',
      'AssumeRole',
    );
    assert.match(
      denied,
      new RegExp(`^User: arn:aws:iam::${ACCOUNT}:user/ExampleUser is not authorized to perform: sts:AssumeRole on resource: ${ROLE_ARN}`),
    );

    ok(
      await admin([
        'iam',
        'put-user-policy',
        '--user-name',
        'ExampleUser',
        '--policy-name',
        'AllowAssumeExampleRole',
        '--policy-document',
        `file://${fixture('seed-assume-role-policy.json')}`,
      ]),
    );
  });

  test('aws sts assume-role, export the three variables, aws sts get-caller-identity shows the assumed role', async () => {
    const out = ok(await awsCli(server.url, user, ['sts', 'assume-role', '--role-arn', ROLE_ARN, '--role-session-name', 'ExampleSession']));
    assert.equal(out.AssumedRoleUser.Arn, SESSION_ARN);
    assert.equal(out.AssumedRoleUser.AssumedRoleId, `${roleId}:ExampleSession`);
    const c = out.Credentials;
    assert.match(c.AccessKeyId, /^ASIA[A-Z2-7]{16}$/);
    assert.equal(c.SecretAccessKey.length, 40);
    assert.ok(c.SessionToken.length > 0);
    // AWS CLI v1 prints Expiration as ISO 8601 UTC.
    const left = (Date.parse(c.Expiration) - Date.now()) / 1000;
    assert.ok(left > 3590 && left <= 3601, `Expiration ${c.Expiration} is ${left}s away`);
    assert.equal(out.PackedPolicySize, undefined);

    const env = { AWS_SESSION_TOKEN: c.SessionToken };
    const session = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey };
    const id = ok(await awsCli(server.url, session, ['sts', 'get-caller-identity'], { env }));
    assert.deepEqual(id, { UserId: `${roleId}:ExampleSession`, Account: ACCOUNT, Arn: SESSION_ARN });

    // The seed's "Important" note: the role's permissions replace the user's, they do not add up.
    const roles = ok(await awsCli(server.url, session, ['iam', 'list-roles'], { env }));
    assert.ok(roles.Roles.some((r: any) => r.Arn === ROLE_ARN));
    failed(await awsCli(server.url, session, ['iam', 'list-users'], { env }), 'AccessDenied', 'ListUsers');
    // Without the session token the temporary key is not accepted.
    failed(await awsCli(server.url, session, ['sts', 'get-caller-identity']), 'InvalidClientTokenId', 'GetCallerIdentity');
  });

  test('the same flow as a shell script, commands exactly as in the seed (endpoint from AWS_ENDPOINT_URL)', async () => {
    const env = clientEnv({ ...credentialEnv(user), AWS_ENDPOINT_URL: server.url, AWS_DEFAULT_OUTPUT: 'json', HOME: freshHome() });
    const result = await runProcess('bash', [fixture('seed-cli-flow.sh')], { env, timeoutMs: 60_000 });
    assert.equal(result.code, 0, describe(result));
    assert.deepEqual(JSON.parse(result.stdout), { UserId: `${roleId}:ExampleSession`, Account: ACCOUNT, Arn: SESSION_ARN });
  });

  suite('an AWS CLI profile with role_arn + source_profile', () => {
    let config: string;
    let credentials: string;

    before(() => {
      config = join(work, 'config');
      credentials = join(work, 'credentials');
      writeFileSync(credentials, `[base]\naws_access_key_id = ${user.accessKeyId}\naws_secret_access_key = ${user.secretAccessKey}\n`);
      writeFileSync(
        config,
        [
          '[profile base]',
          'region = us-east-1',
          '',
          '[profile example]',
          `role_arn = ${ROLE_ARN}`,
          'source_profile = base',
          'role_session_name = ExampleSession',
          'region = us-east-1',
          '',
          '[profile example-endpoint]',
          `role_arn = ${ROLE_ARN}`,
          'source_profile = base',
          'role_session_name = ExampleSession',
          'region = us-east-1',
          `endpoint_url = ${server.url}`,
          '',
          '[profile example-services]',
          `role_arn = ${ROLE_ARN}`,
          'source_profile = base',
          'region = us-east-1',
          'services = keysmith',
          '',
          '[services keysmith]',
          'sts =',
          `  endpoint_url = ${server.url}`,
          'iam =',
          `  endpoint_url = ${server.url}`,
          '',
        ].join('\n'),
      );
    });

    const profileEnv = (extra: Record<string, string> = {}) => ({
      AWS_CONFIG_FILE: config,
      AWS_SHARED_CREDENTIALS_FILE: credentials,
      HOME: freshHome(),
      ...extra,
    });

    test('AWS_ENDPOINT_URL_STS points the CLI’s own assume-role call at keysmith', async () => {
      const env = profileEnv({ AWS_ENDPOINT_URL_STS: server.url });
      const id = ok(await awsCli(server.url, undefined, ['--profile', 'example', 'sts', 'get-caller-identity'], { env }));
      assert.deepEqual(id, { UserId: `${roleId}:ExampleSession`, Account: ACCOUNT, Arn: SESSION_ARN });
      const roles = ok(
        await awsCli(server.url, undefined, ['--profile', 'example', 'iam', 'list-roles'], {
          env: profileEnv({ AWS_ENDPOINT_URL_STS: server.url }),
        }),
      );
      assert.ok(roles.Roles.some((r: any) => r.Arn === ROLE_ARN));
      failed(
        await awsCli(server.url, undefined, ['--profile', 'example', 'iam', 'list-users'], {
          env: profileEnv({ AWS_ENDPOINT_URL_STS: server.url }),
        }),
        'AccessDenied',
        'ListUsers',
      );
    });

    test('endpoint_url in the profile works with no --endpoint-url at all', async () => {
      const env = clientEnv({ ...profileEnv(), AWS_PROFILE: 'example-endpoint' });
      const result = await runProcess('aws', ['--output', 'json', 'sts', 'get-caller-identity'], { env, timeoutMs: 60_000 });
      assert.equal(result.code, 0, describe(result));
      assert.deepEqual(JSON.parse(result.stdout), { UserId: `${roleId}:ExampleSession`, Account: ACCOUNT, Arn: SESSION_ARN });
    });

    test('a services section works too; without role_session_name botocore names the session itself', async () => {
      const env = clientEnv({ ...profileEnv(), AWS_PROFILE: 'example-services' });
      const result = await runProcess('aws', ['--output', 'json', 'sts', 'get-caller-identity'], { env, timeoutMs: 60_000 });
      assert.equal(result.code, 0, describe(result));
      const id = JSON.parse(result.stdout);
      assert.match(id.Arn, new RegExp(`^arn:aws:sts::${ACCOUNT}:assumed-role/ExampleRole/botocore-session-\\d+$`));
      assert.match(id.UserId, new RegExp(`^${roleId}:botocore-session-\\d+$`));
    });

    test('a profile whose user is not allowed gets AWS’s AccessDenied from the CLI', async () => {
      const outsider = ok(await admin(['iam', 'create-user', '--user-name', 'Outsider'])).User;
      const key = ok(await admin(['iam', 'create-access-key', '--user-name', 'Outsider'])).AccessKey;
      const creds = join(work, 'credentials-outsider');
      writeFileSync(creds, `[base]\naws_access_key_id = ${key.AccessKeyId}\naws_secret_access_key = ${key.SecretAccessKey}\n`);
      const env = profileEnv({ AWS_SHARED_CREDENTIALS_FILE: creds, AWS_ENDPOINT_URL_STS: server.url });
      const result = await awsCli(server.url, undefined, ['--profile', 'example', 'sts', 'get-caller-identity'], { env });
      assert.equal(result.code, 255, describe(result));
      assert.match(result.stderr, /AccessDenied/);
      assert.ok(
        result.stderr.includes(`User: ${outsider.Arn} is not authorized to perform: sts:AssumeRole on resource: ${ROLE_ARN}`),
        result.stderr,
      );
    });
  });

  test('the seed trust policy as printed, once ExampleRole exists: a session of ExampleRole may assume it again; the user may not', async () => {
    ok(
      await admin([
        'iam',
        'update-assume-role-policy',
        '--role-name',
        'ExampleRole',
        '--policy-document',
        `file://${fixture('seed-trust-policy.json')}`,
      ]),
    );
    // The trust now names only the role: the user (even with the seed's identity policy) is refused.
    // Put back the account trust for one session, then switch to the seed's trust for the chain.
    ok(
      await admin([
        'iam',
        'update-assume-role-policy',
        '--role-name',
        'ExampleRole',
        '--policy-document',
        `file://${fixture('seed-trust-policy-account.json')}`,
      ]),
    );
    const first = ok(
      await awsCli(server.url, user, ['sts', 'assume-role', '--role-arn', ROLE_ARN, '--role-session-name', 'ExampleSession']),
    ).Credentials;
    ok(
      await admin([
        'iam',
        'update-assume-role-policy',
        '--role-name',
        'ExampleRole',
        '--policy-document',
        `file://${fixture('seed-trust-policy.json')}`,
      ]),
    );
    const session = { accessKeyId: first.AccessKeyId, secretAccessKey: first.SecretAccessKey };
    const env = { AWS_SESSION_TOKEN: first.SessionToken };
    const again = ok(
      await awsCli(server.url, session, ['sts', 'assume-role', '--role-arn', ROLE_ARN, '--role-session-name', 'Chained'], { env }),
    );
    assert.equal(again.AssumedRoleUser.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/ExampleRole/Chained`);
    // Role chaining is capped at one hour, even when the role allows longer sessions.
    ok(await admin(['iam', 'update-role', '--role-name', 'ExampleRole', '--max-session-duration', '43200']));
    const capped = failed(
      await awsCli(
        server.url,
        session,
        ['sts', 'assume-role', '--role-arn', ROLE_ARN, '--role-session-name', 'Chained', '--duration-seconds', '7200'],
        { env },
      ),
      'ValidationError',
      'AssumeRole',
    );
    assert.equal(capped, 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
  });
});
