import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import {
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  GetUserCommand,
  type IAMClient,
  ListUsersCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, GetFederationTokenCommand, type GetFederationTokenCommandOutput } from '@aws-sdk/client-sts';
import { startTestServer, type TestServer } from '../support/server.js';
import { type Credentials, iamClient, stsClient } from '../support/sdk-clients.js';
import { allowDoc, rejects } from './iam-test-helpers.js';

/**
 * STS GetFederationToken through AWS SDK v3 against a real keysmith (reference §2.1, §2.3.4–5,
 * §2.3.9, Appendix A): who may call it and with what permission, Name/Duration/Policy limits,
 * the FederatedUser result, PackedPolicySize, and what the federated session may then do —
 * the caller's permissions intersected with the session policies, nothing without one.
 */
let server: TestServer;
let iam: IAMClient;
let acct: string;

const FEDERATE_ALL = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['sts:GetFederationToken', 'sts:TagSession'], Resource: '*' },
    { Effect: 'Allow', Action: ['iam:ListUsers', 'iam:GetUser'], Resource: '*' },
  ],
});

async function newUser(name: string, policy: string): Promise<Credentials> {
  await iam.send(new CreateUserCommand({ UserName: name }));
  await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: policy }));
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
  return { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
}

const sessionOf = (out: GetFederationTokenCommandOutput): Credentials => ({
  accessKeyId: out.Credentials!.AccessKeyId!,
  secretAccessKey: out.Credentials!.SecretAccessKey!,
  sessionToken: out.Credentials!.SessionToken!,
});

/** Rejects with one of `codes` (federated sessions: AccessDenied, or InvalidClientTokenId for IAM once the pipeline refuses them). */
async function rejectsWithOneOf(call: Promise<unknown>, codes: string[]): Promise<void> {
  const error = await call.then(
    () => undefined,
    (e: { name: string; Error?: { Code?: string } }) => e,
  );
  assert.ok(error, `expected one of ${codes.join(', ')}, but the call succeeded`);
  assert.ok(codes.includes(error.Error?.Code ?? error.name), `${error.name}`);
}

const secondsLeft = (out: GetFederationTokenCommandOutput) => (out.Credentials!.Expiration!.getTime() - Date.now()) / 1000;

suite('STS GetFederationToken (SDK v3)', () => {
  let fed: Credentials;

  before(async () => {
    server = await startTestServer();
    acct = server.accountId;
    iam = iamClient(server.url, server.admin);
    fed = await newUser('federator', FEDERATE_ALL);
  });
  after(async () => {
    await server?.close();
  });

  test('returns credentials, FederatedUser and PackedPolicySize; default 12 hours', async () => {
    const out = await stsClient(server.url, fed).send(new GetFederationTokenCommand({ Name: 'bob' }));
    assert.match(out.Credentials!.AccessKeyId!, /^ASIA[A-Z2-7]{16}$/);
    assert.deepEqual(out.FederatedUser, { FederatedUserId: `${acct}:bob`, Arn: `arn:aws:sts::${acct}:federated-user/bob` });
    assert.equal(out.PackedPolicySize, 0, 'present even without a policy');
    assert.ok(Math.abs(secondsLeft(out) - 43200) < 60);
    const who = await stsClient(server.url, sessionOf(out)).send(new GetCallerIdentityCommand({}));
    assert.deepEqual([who.Arn, who.UserId, who.Account], [`arn:aws:sts::${acct}:federated-user/bob`, `${acct}:bob`, acct]);
  });

  test('the session may do what both the user and the session policy allow, and nothing without a policy', async () => {
    const sts = stsClient(server.url, fed);
    const bare = sessionOf(await sts.send(new GetFederationTokenCommand({ Name: 'no-policy' })));
    await rejectsWithOneOf(iamClient(server.url, bare).send(new GetUserCommand({ UserName: 'federator' })), [
      'AccessDenied',
      'InvalidClientTokenId',
    ]);

    const policy = allowDoc(['iam:GetUser', 's3:*']);
    const out = await sts.send(new GetFederationTokenCommand({ Name: 'narrow', Policy: policy }));
    assert.ok(out.PackedPolicySize! > 0 && out.PackedPolicySize! <= 100);
    const narrow = iamClient(server.url, sessionOf(out));
    // GetUser is allowed by both; ListUsers only by the user's own policy.
    const allowedOrRefused = await narrow.send(new GetUserCommand({ UserName: 'federator' })).then(
      (r) => r.User?.UserName,
      (e: { name: string }) => e.name,
    );
    // Federated sessions may not call IAM at all on AWS; until the pipeline refuses them, the
    // intersection is what decides.
    assert.ok(allowedOrRefused === 'federator' || allowedOrRefused === 'InvalidClientTokenId', String(allowedOrRefused));
    await rejectsWithOneOf(narrow.send(new ListUsersCommand({})), ['AccessDenied', 'InvalidClientTokenId']);
  });

  test('managed session policies (PolicyArns) count too', async () => {
    const created = await iam.send(new CreatePolicyCommand({ PolicyName: 'fed-session', PolicyDocument: allowDoc('iam:GetUser') }));
    const out = await stsClient(server.url, fed).send(
      new GetFederationTokenCommand({ Name: 'managed', PolicyArns: [{ arn: created.Policy!.Arn! }] }),
    );
    assert.ok(out.PackedPolicySize! > 0);
    await rejects(
      stsClient(server.url, fed).send(
        new GetFederationTokenCommand({ Name: 'foreign', PolicyArns: [{ arn: 'arn:aws:iam::999999999999:policy/x' }] }),
      ),
      'InvalidParameterValue',
    );
  });

  test('needs sts:GetFederationToken on the federated-user ARN (and sts:TagSession for tags)', async () => {
    const limited = await newUser(
      'limited-federator',
      allowDoc('sts:GetFederationToken', `arn:aws:sts::${server.accountId}:federated-user/ok-*`),
    );
    const sts = stsClient(server.url, limited);
    await sts.send(new GetFederationTokenCommand({ Name: 'ok-1' }));
    await rejects(
      sts.send(new GetFederationTokenCommand({ Name: 'other' })),
      'AccessDenied',
      new RegExp(
        `^User: arn:aws:iam::${acct}:user/limited-federator is not authorized to perform: sts:GetFederationToken on resource: arn:aws:sts::${acct}:federated-user/other`,
      ),
      403,
    );
    await rejects(
      sts.send(new GetFederationTokenCommand({ Name: 'ok-2', Tags: [{ Key: 'team', Value: 'a' }] })),
      'AccessDenied',
      /is not authorized to perform: sts:TagSession on resource: arn:aws:sts::\d{12}:federated-user\/ok-2/,
      403,
    );
  });

  test("tags: passed to the session, checked like AssumeRole's", async () => {
    const sts = stsClient(server.url, fed);
    const out = await sts.send(new GetFederationTokenCommand({ Name: 'tagged', Tags: [{ Key: 'team', Value: 'blue' }] }));
    assert.ok(out.PackedPolicySize! > 0, 'tags count in the packed size');
    await rejects(
      sts.send(
        new GetFederationTokenCommand({
          Name: 'dup',
          Tags: [
            { Key: 'a', Value: '1' },
            { Key: 'A', Value: '2' },
          ],
        }),
      ),
      'InvalidParameterValue',
      'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
      400,
    );
  });

  test('limits: Name 2..32 and pattern, Duration 900..129600, Policy ≤ 2048, malformed policy, packed size', async () => {
    const sts = stsClient(server.url, fed);
    await rejects(
      sts.send(new GetFederationTokenCommand({ Name: 'x' })),
      'ValidationError',
      "1 validation error detected: Value 'x' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 2",
      400,
    );
    await rejects(
      sts.send(new GetFederationTokenCommand({ Name: 'n'.repeat(33) })),
      'ValidationError',
      /at 'name' failed to satisfy constraint: Member must have length less than or equal to 32/,
      400,
    );
    await rejects(
      sts.send(new GetFederationTokenCommand({ Name: 'a b' })),
      'ValidationError',
      /at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern/,
      400,
    );
    await rejects(
      sts.send(new GetFederationTokenCommand({ Name: 'dur', DurationSeconds: 899 })),
      'ValidationError',
      /at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900/,
      400,
    );
    await rejects(
      sts.send(new GetFederationTokenCommand({ Name: 'dur', DurationSeconds: 129601 })),
      'ValidationError',
      /at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 129600/,
      400,
    );
    const long = await sts.send(new GetFederationTokenCommand({ Name: 'long', DurationSeconds: 129600 }));
    assert.ok(Math.abs(secondsLeft(long) - 129600) < 60);
    const big = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${'b'.repeat(2100)}` }],
    });
    await rejects(
      sts.send(new GetFederationTokenCommand({ Name: 'big', Policy: big })),
      'ValidationError',
      /at 'policy' failed to satisfy constraint: Member must have length less than or equal to 2048$/,
      400,
    );
    await rejects(
      sts.send(new GetFederationTokenCommand({ Name: 'bad', Policy: '{"Version":"2012-10-17","Statement":[' })),
      'MalformedPolicyDocument',
      undefined,
      400,
    );
    const packed = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${'p'.repeat(1900)}` }],
    });
    await rejects(
      sts.send(new GetFederationTokenCommand({ Name: 'packed', Policy: packed })),
      'PackedPolicyTooLarge',
      /^Packed policy consumes \d+% of allotted space$/,
      400,
    );
  });

  test('session credentials cannot call it; the root user may, clamped to one hour', async () => {
    const out = await stsClient(server.url, fed).send(new GetFederationTokenCommand({ Name: 'first', Policy: allowDoc('sts:*') }));
    await rejects(
      stsClient(server.url, sessionOf(out)).send(new GetFederationTokenCommand({ Name: 'second' })),
      'AccessDenied',
      'Cannot call GetFederationToken with session credentials',
      403,
    );
    const root = await stsClient(server.url, server.root).send(new GetFederationTokenCommand({ Name: 'from-root', DurationSeconds: 7200 }));
    assert.ok(Math.abs(secondsLeft(root) - 3600) < 60);
    assert.equal(root.FederatedUser!.Arn, `arn:aws:sts::${acct}:federated-user/from-root`);
  });
});
