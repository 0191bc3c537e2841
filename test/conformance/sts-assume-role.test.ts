import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import {
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  GetUserCommand,
  IAMClient,
  ListRolesCommand,
  ListUsersCommand,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import {
  AssumeRoleCommand,
  type AssumeRoleCommandInput,
  GetCallerIdentityCommand,
  getDefaultRoleAssumer,
  type STSClient,
} from '@aws-sdk/client-sts';
import { fromIni, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { startTestServer, type TestServer } from '../support/server.js';
import { type Credentials, iamClient, stsClient } from '../support/sdk-clients.js';
import { createAccount } from '../../src/services/accounts/create-account.js';
import { nodeRandom } from '../../src/platform/node-random.js';
import {
  allow,
  assume,
  awsError,
  createManagedPolicy,
  createRole,
  createUser,
  deny,
  expectAwsError,
  notAuthorized,
  OffsetClock,
  policyDoc,
  trustDoc,
  type TestRole,
  type TestUser,
} from '../support/sts-helpers.js';

/**
 * STS AssumeRole against a real keysmith through AWS SDK v3: who may assume, durations and
 * chaining, session tags, source identity, session policies, and what the temporary credentials
 * may then do (authorization, revocation, tampering, expiry). Each test names the AWS rule it
 * holds to (reference §2.3). boto3, where the client's own parsing matters, runs in
 * test/clients/sts-boto3.test.ts.
 */

const ACCOUNT = '123456789012';
const OTHER_ACCOUNT = '210987654321';
const INVALID_TOKEN = 'The security token included in the request is invalid.';
const EXPIRED_TOKEN = 'The security token included in the request is expired';
const CHAIN_LIMIT = 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.';
const ROLE_MAX = 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.';

let server: TestServer;
const clock = new OffsetClock();
let admin: IAMClient;
let other: { iam: IAMClient; accountId: string };
const iamAs = (creds: Credentials) => iamClient(server.url, creds);
const stsAs = (creds: Credentials) => stsClient(server.url, creds);
const whoami = async (creds: Credentials) => stsAs(creds).send(new GetCallerIdentityCommand({}));
const roleArn = (name: string, account = ACCOUNT) => `arn:aws:iam::${account}:role/${name}`;
const secondsFromNow = (d: Date | undefined) => (d!.getTime() - clock.now()) / 1000;

/** A user allowed (by identity policy) to assume any role, tag sessions and set a source identity. */
let alice: TestUser;
let aliceSts: STSClient;

suite('STS AssumeRole (SDK v3)', () => {
  before(async () => {
    server = await startTestServer({}, { clock });
    admin = iamAs(server.admin);
    const created = await createAccount(server.keysmith.app.store, server.keysmith.app.secrets, nodeRandom, {
      accountId: OTHER_ACCOUNT,
      now: Date.now(),
    });
    other = { iam: iamAs(created.admin), accountId: OTHER_ACCOUNT };
    alice = await createUser(admin, 'alice', policyDoc(allow(['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'])));
    aliceSts = stsAs(alice.creds);
  });
  after(async () => {
    await server?.close();
  });

  suite('who may assume a role', () => {
    test('same account: a trust policy naming the user is enough, without any identity policy', async () => {
      const bob = await createUser(admin, 'bob-no-policy');
      const role = await createRole(admin, 'TrustsBob', trustDoc(bob.arn));
      const { out, creds } = await assume(stsAs(bob.creds), { RoleArn: role.arn, RoleSessionName: 'bob' });
      assert.equal(out.AssumedRoleUser?.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/TrustsBob/bob`);
      assert.equal(out.AssumedRoleUser?.AssumedRoleId, `${role.roleId}:bob`);
      assert.match(out.Credentials!.AccessKeyId!, /^ASIA[A-Z2-7]{16}$/);
      assert.equal(out.Credentials!.SecretAccessKey!.length, 40);
      const id = await whoami(creds);
      assert.equal(id.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/TrustsBob/bob`);
      assert.equal(id.UserId, `${role.roleId}:bob`);
      assert.equal(id.Account, ACCOUNT);
    });

    test('same account: a trust policy naming only the account also needs an identity-policy allow', async () => {
      const carol = await createUser(admin, 'carol-no-policy');
      const role = await createRole(admin, 'TrustsAccount', trustDoc(`arn:aws:iam::${ACCOUNT}:root`));
      await expectAwsError(
        stsAs(carol.creds).send(assumeCmd(role.arn, 'carol')),
        'AccessDenied',
        notAuthorized(carol.arn, 'sts:AssumeRole', role.arn),
        403,
      );
      // alice has sts:AssumeRole on * in her identity policy.
      const { out } = await assume(aliceSts, { RoleArn: role.arn, RoleSessionName: 'alice' });
      assert.equal(out.AssumedRoleUser?.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/TrustsAccount/alice`);
      // A bare account id in Principal means the same as the root ARN.
      const bare = await createRole(admin, 'TrustsBareAccount', trustDoc(ACCOUNT));
      await assume(aliceSts, { RoleArn: bare.arn, RoleSessionName: 'alice' });
      await expectAwsError(
        stsAs(carol.creds).send(assumeCmd(bare.arn, 'carol')),
        'AccessDenied',
        notAuthorized(carol.arn, 'sts:AssumeRole', bare.arn),
      );
    });

    test('an identity policy alone never lets anyone assume a role: the trust policy must allow', async () => {
      const role = await createRole(admin, 'TrustsSomeoneElse', trustDoc(`arn:aws:iam::${OTHER_ACCOUNT}:root`));
      await expectAwsError(
        aliceSts.send(assumeCmd(role.arn, 'alice')),
        'AccessDenied',
        notAuthorized(alice.arn, 'sts:AssumeRole', role.arn),
        403,
      );
    });

    test('an explicit deny in the identity policy wins over a trust policy naming the user', async () => {
      const dave = await createUser(admin, 'dave-denied', policyDoc(deny('sts:AssumeRole')));
      const role = await createRole(admin, 'TrustsDave', trustDoc(dave.arn));
      await expectAwsError(
        stsAs(dave.creds).send(assumeCmd(role.arn, 'dave')),
        'AccessDenied',
        notAuthorized(dave.arn, 'sts:AssumeRole', role.arn),
      );
    });

    test('cross account: the role trusts the other account; the caller needs its own identity allow too', async () => {
      const role = await createRole(other.iam, 'CrossAccountRole', trustDoc(`arn:aws:iam::${ACCOUNT}:root`), {
        policy: policyDoc(allow('iam:ListRoles')),
      });
      assert.equal(role.arn, roleArn('CrossAccountRole', OTHER_ACCOUNT));
      const erin = await createUser(admin, 'erin-no-policy');
      await expectAwsError(
        stsAs(erin.creds).send(assumeCmd(role.arn, 'erin')),
        'AccessDenied',
        notAuthorized(erin.arn, 'sts:AssumeRole', role.arn),
        403,
      );

      const { out, creds } = await assume(aliceSts, { RoleArn: role.arn, RoleSessionName: 'alice-x' });
      assert.equal(out.AssumedRoleUser?.Arn, `arn:aws:sts::${OTHER_ACCOUNT}:assumed-role/CrossAccountRole/alice-x`);
      const id = await whoami(creds);
      assert.equal(id.Account, OTHER_ACCOUNT, 'the session acts in the role’s account');
      assert.equal(id.Arn, `arn:aws:sts::${OTHER_ACCOUNT}:assumed-role/CrossAccountRole/alice-x`);
      // The session acts in the other account with the role's permissions.
      const roles = await iamAs(creds).send(new ListRolesCommand({}));
      assert.ok(roles.Roles!.some((r) => r.Arn === role.arn));
    });

    test('cross account: a trust policy naming the user itself still needs the identity-side allow', async () => {
      const frank = await createUser(admin, 'frank-no-policy');
      const role = await createRole(other.iam, 'TrustsFrank', trustDoc(frank.arn));
      await expectAwsError(
        stsAs(frank.creds).send(assumeCmd(role.arn, 'frank')),
        'AccessDenied',
        notAuthorized(frank.arn, 'sts:AssumeRole', role.arn),
      );
      // With an identity policy naming exactly that role, the same kind of trust works.
      const exact = await createUser(admin, 'frank-exact', policyDoc(allow('sts:AssumeRole', roleArn('TrustsFrankExact', OTHER_ACCOUNT))));
      const exactRole = await createRole(other.iam, 'TrustsFrankExact', trustDoc(exact.arn));
      const { out } = await assume(stsAs(exact.creds), { RoleArn: exactRole.arn, RoleSessionName: 'ff' });
      assert.equal(out.AssumedRoleUser?.Arn, `arn:aws:sts::${OTHER_ACCOUNT}:assumed-role/TrustsFrankExact/ff`);
    });

    test('ExternalId: the trust condition sts:ExternalId must match; absent or wrong is AccessDenied', async () => {
      const role = await createRole(
        admin,
        'NeedsExternalId',
        trustDoc(`arn:aws:iam::${ACCOUNT}:root`, 'sts:AssumeRole', { StringEquals: { 'sts:ExternalId': 'Unique-Id-1234' } }),
      );
      const denied = notAuthorized(alice.arn, 'sts:AssumeRole', role.arn);
      await expectAwsError(aliceSts.send(assumeCmd(role.arn, 'xx')), 'AccessDenied', denied, 403);
      await expectAwsError(aliceSts.send(assumeCmd(role.arn, 'xx', { ExternalId: 'Unique-Id-9999' })), 'AccessDenied', denied, 403);
      await expectAwsError(aliceSts.send(assumeCmd(role.arn, 'xx', { ExternalId: 'unique-id-1234' })), 'AccessDenied', denied, 403);
      const { out } = await assume(aliceSts, { RoleArn: role.arn, RoleSessionName: 'xx', ExternalId: 'Unique-Id-1234' });
      assert.equal(out.AssumedRoleUser?.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/NeedsExternalId/xx`);
    });

    test('sts:RoleSessionName in a trust condition', async () => {
      const role = await createRole(
        admin,
        'NeedsSessionName',
        trustDoc(`arn:aws:iam::${ACCOUNT}:root`, 'sts:AssumeRole', { StringEquals: { 'sts:RoleSessionName': '${aws:username}' } }),
      );
      await assume(aliceSts, { RoleArn: role.arn, RoleSessionName: 'alice' });
      await expectAwsError(
        aliceSts.send(assumeCmd(role.arn, 'mallory')),
        'AccessDenied',
        notAuthorized(alice.arn, 'sts:AssumeRole', role.arn),
      );
    });

    test('root credentials may not assume a role, even one that trusts the account', async () => {
      const role = await createRole(admin, 'TrustsRoot', trustDoc(`arn:aws:iam::${ACCOUNT}:root`));
      await expectAwsError(
        stsAs(server.root).send(assumeCmd(role.arn, 'root')),
        'AccessDenied',
        'Roles may not be assumed by root accounts.',
        403,
      );
    });

    test('a malformed RoleArn is a ValidationError "<arn> is invalid"', async () => {
      await expectAwsError(
        aliceSts.send(assumeCmd('nothing-valid-in-here', 'xx')),
        'ValidationError',
        'nothing-valid-in-here is invalid',
        400,
      );
      await expectAwsError(
        aliceSts.send(assumeCmd('arn:a:a::aaaaaaaaaa:', 'xx')),
        'ValidationError',
        'arn:a:a::aaaaaaaaaa: is invalid',
        400,
      );
    });

    test('a role with a path is named by its full ARN; without the path it is not found', async () => {
      await admin.send(
        new CreateRoleCommand({ RoleName: 'PathRole', Path: '/team/', AssumeRolePolicyDocument: trustDoc(`arn:aws:iam::${ACCOUNT}:root`) }),
      );
      const full = `arn:aws:iam::${ACCOUNT}:role/team/PathRole`;
      const { out } = await assume(aliceSts, { RoleArn: full, RoleSessionName: 'path' });
      // The assumed-role ARN carries no path (reference §3.2).
      assert.equal(out.AssumedRoleUser?.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/PathRole/path`);
      const bare = roleArn('PathRole');
      await expectAwsError(aliceSts.send(assumeCmd(bare, 'path')), 'AccessDenied', notAuthorized(alice.arn, 'sts:AssumeRole', bare), 403);
    });

    test('a role that does not exist gets the same AccessDenied as a refusal: existence is not revealed', async () => {
      const missing = roleArn('NoSuchRoleAnywhere');
      const msg = await expectAwsError(
        aliceSts.send(assumeCmd(missing, 'xx')),
        'AccessDenied',
        notAuthorized(alice.arn, 'sts:AssumeRole', missing),
        403,
      );
      // An existing role that does not trust alice: the text must not differ except for the ARN.
      const existing = await createRole(admin, 'ExistsButRefuses', trustDoc(`arn:aws:iam::${OTHER_ACCOUNT}:root`));
      const refused = await awsError(aliceSts.send(assumeCmd(existing.arn, 'xx')));
      assert.equal(refused.code, 'AccessDenied');
      assert.equal(refused.message.replace(existing.arn, missing), msg, 'a nonexistent role and a refusing role must be indistinguishable');
    });
  });

  suite('session duration and role chaining', () => {
    let chainA: TestRole;
    let chainB: TestRole;
    let oneHour: TestRole;

    before(async () => {
      chainA = await createRole(admin, 'ChainA', trustDoc(`arn:aws:iam::${ACCOUNT}:root`), {
        maxSessionDuration: 43200,
        policy: policyDoc(allow('sts:AssumeRole')),
      });
      chainB = await createRole(admin, 'ChainB', trustDoc(chainA.arn), {
        maxSessionDuration: 43200,
        policy: policyDoc(allow('iam:ListRoles')),
      });
      oneHour = await createRole(admin, 'OneHourRole', trustDoc(`arn:aws:iam::${ACCOUNT}:root`));
    });

    test('DurationSeconds defaults to 3600: Expiration is one hour after issue', async () => {
      const { out } = await assume(aliceSts, { RoleArn: oneHour.arn, RoleSessionName: 'default' });
      const left = secondsFromNow(out.Credentials!.Expiration);
      assert.ok(left > 3590 && left <= 3601, `Expiration is ${left}s away`);
      assert.equal(out.PackedPolicySize, undefined, 'no PackedPolicySize without policies or tags');
      assert.equal(out.SourceIdentity, undefined);
    });

    test('DurationSeconds 900 … the role maximum', async () => {
      const { out } = await assume(aliceSts, { RoleArn: chainA.arn, RoleSessionName: 'short', DurationSeconds: 900 });
      const left = secondsFromNow(out.Credentials!.Expiration);
      assert.ok(left > 890 && left <= 901, `Expiration is ${left}s away`);
      const long = await assume(aliceSts, { RoleArn: chainA.arn, RoleSessionName: 'long', DurationSeconds: 43200 });
      const leftLong = secondsFromNow(long.out.Credentials!.Expiration);
      assert.ok(leftLong > 43190 && leftLong <= 43201, `Expiration is ${leftLong}s away`);
    });

    test('DurationSeconds below 900 is a ValidationError with AWS text', async () => {
      await expectAwsError(
        aliceSts.send(assumeCmd(oneHour.arn, 'xx', { DurationSeconds: 600 })),
        'ValidationError',
        "1 validation error detected: Value '600' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
        400,
      );
    });

    test('DurationSeconds above the role MaxSessionDuration is refused', async () => {
      await expectAwsError(aliceSts.send(assumeCmd(oneHour.arn, 'xx', { DurationSeconds: 3601 })), 'ValidationError', ROLE_MAX, 400);
      await expectAwsError(aliceSts.send(assumeCmd(oneHour.arn, 'xx', { DurationSeconds: 7200 })), 'ValidationError', ROLE_MAX, 400);
      await expectAwsError(
        aliceSts.send(assumeCmd(chainA.arn, 'xx', { DurationSeconds: 43201 })),
        'ValidationError',
        "1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200",
        400,
      );
    });

    test('role chaining: a session assumes another role; over one hour is refused, 3600 and the default work', async () => {
      const first = await assume(aliceSts, { RoleArn: chainA.arn, RoleSessionName: 'hop1', DurationSeconds: 7200 });
      const sessionSts = stsAs(first.creds);
      await expectAwsError(sessionSts.send(assumeCmd(chainB.arn, 'hop2', { DurationSeconds: 7200 })), 'ValidationError', CHAIN_LIMIT, 400);
      await expectAwsError(sessionSts.send(assumeCmd(chainB.arn, 'hop2', { DurationSeconds: 3601 })), 'ValidationError', CHAIN_LIMIT, 400);
      const second = await assume(sessionSts, { RoleArn: chainB.arn, RoleSessionName: 'hop2', DurationSeconds: 3600 });
      const left = secondsFromNow(second.out.Credentials!.Expiration);
      assert.ok(left > 3590 && left <= 3601, `Expiration is ${left}s away`);
      const dflt = await assume(sessionSts, { RoleArn: chainB.arn, RoleSessionName: 'hop2' });
      assert.ok(secondsFromNow(dflt.out.Credentials!.Expiration) <= 3601);
      const id = await whoami(second.creds);
      assert.equal(id.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/ChainB/hop2`);
      assert.equal(id.UserId, `${chainB.roleId}:hop2`);
      // The chained session has ChainB's permissions, not ChainA's.
      await iamAs(second.creds).send(new ListRolesCommand({}));
      await expectAwsError(stsAs(second.creds).send(assumeCmd(chainA.arn, 'hop3')), 'AccessDenied');
    });

    test('role chaining: a trust policy naming the first role needs no permissions policy on it, but a session policy still limits', async () => {
      // OneHourRole has no permissions policy at all; TrustsOneHour names the role ARN.
      const target = await createRole(admin, 'TrustsOneHour', trustDoc(oneHour.arn));
      const first = await assume(aliceSts, { RoleArn: oneHour.arn, RoleSessionName: 'hop1' });
      await assume(stsAs(first.creds), { RoleArn: target.arn, RoleSessionName: 'hop2' });
      const limited = await assume(aliceSts, { RoleArn: oneHour.arn, RoleSessionName: 'hop1', Policy: policyDoc(allow('iam:ListUsers')) });
      await expectAwsError(
        stsAs(limited.creds).send(assumeCmd(target.arn, 'hop2')),
        'AccessDenied',
        notAuthorized(`arn:aws:sts::${ACCOUNT}:assumed-role/OneHourRole/hop1`, 'sts:AssumeRole', target.arn),
      );
    });

    test('role chaining: a trust policy may name one assumed-role session', async () => {
      const target = await createRole(admin, 'TrustsOneSession', trustDoc(`arn:aws:sts::${ACCOUNT}:assumed-role/OneHourRole/chosen`));
      const chosen = await assume(aliceSts, { RoleArn: oneHour.arn, RoleSessionName: 'chosen' });
      const { out } = await assume(stsAs(chosen.creds), { RoleArn: target.arn, RoleSessionName: 'next' });
      assert.equal(out.AssumedRoleUser?.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/TrustsOneSession/next`);
      const otherSession = await assume(aliceSts, { RoleArn: oneHour.arn, RoleSessionName: 'someone' });
      await expectAwsError(stsAs(otherSession.creds).send(assumeCmd(target.arn, 'next')), 'AccessDenied');
    });

    test('role chaining: the trust policy of the second role must name the first role (or its session)', async () => {
      const first = await assume(aliceSts, { RoleArn: oneHour.arn, RoleSessionName: 'hop1' });
      // OneHourRole has no permissions policy at all, and ChainB trusts only ChainA.
      await expectAwsError(
        stsAs(first.creds).send(assumeCmd(chainB.arn, 'hop2')),
        'AccessDenied',
        notAuthorized(`arn:aws:sts::${ACCOUNT}:assumed-role/OneHourRole/hop1`, 'sts:AssumeRole', chainB.arn),
        403,
      );
    });
  });

  suite('session tags', () => {
    let tagRole: TestRole;
    let noTagRole: TestRole;
    let nextRole: TestRole;
    let thirdRole: TestRole;

    before(async () => {
      await createUser(admin, 'blue');
      await createUser(admin, 'red');
      const tagTrust = trustDoc(`arn:aws:iam::${ACCOUNT}:root`, ['sts:AssumeRole', 'sts:TagSession']);
      const byTag = policyDoc(
        allow('iam:GetUser', `arn:aws:iam::${ACCOUNT}:user/\${aws:PrincipalTag/team}`),
        allow('iam:ListRoles', '*', { Condition: { StringEquals: { 'aws:PrincipalTag/env': 'dev' } } }),
        allow('sts:AssumeRole'),
      );
      tagRole = await createRole(admin, 'TaggedSessions', tagTrust, { policy: byTag });
      noTagRole = await createRole(admin, 'NoTagSession', trustDoc(`arn:aws:iam::${ACCOUNT}:root`), { policy: byTag });
      nextRole = await createRole(admin, 'TaggedNext', trustDoc(tagRole.arn, ['sts:AssumeRole', 'sts:TagSession']), { policy: byTag });
      thirdRole = await createRole(admin, 'TaggedThird', trustDoc(nextRole.arn, ['sts:AssumeRole', 'sts:TagSession']), { policy: byTag });
    });

    test('passing tags needs sts:TagSession in the trust policy', async () => {
      await expectAwsError(
        aliceSts.send(assumeCmd(noTagRole.arn, 'xx', { Tags: [{ Key: 'team', Value: 'blue' }] })),
        'AccessDenied',
        notAuthorized(alice.arn, 'sts:TagSession', noTagRole.arn),
        403,
      );
      await expectAwsError(
        aliceSts.send(assumeCmd(noTagRole.arn, 'xx', { Tags: [{ Key: 'team', Value: 'blue' }], TransitiveTagKeys: ['team'] })),
        'AccessDenied',
        notAuthorized(alice.arn, 'sts:TagSession', noTagRole.arn),
      );
      const { out } = await assume(aliceSts, { RoleArn: tagRole.arn, RoleSessionName: 'xx', Tags: [{ Key: 'team', Value: 'blue' }] });
      assert.equal(typeof out.PackedPolicySize, 'number', 'PackedPolicySize is present when tags were passed');
      assert.ok(out.PackedPolicySize! >= 0 && out.PackedPolicySize! <= 100);
    });

    test('when the trust names only the account, the identity policy must allow sts:TagSession too', async () => {
      const gina = await createUser(admin, 'gina-assume-only', policyDoc(allow('sts:AssumeRole')));
      await assume(stsAs(gina.creds), { RoleArn: tagRole.arn, RoleSessionName: 'gina' });
      await expectAwsError(
        stsAs(gina.creds).send(assumeCmd(tagRole.arn, 'gina', { Tags: [{ Key: 'team', Value: 'blue' }] })),
        'AccessDenied',
        notAuthorized(gina.arn, 'sts:TagSession', tagRole.arn),
        403,
      );
    });

    test('session tags are aws:PrincipalTag in later calls (policy variable and condition)', async () => {
      const { creds } = await assume(aliceSts, {
        RoleArn: tagRole.arn,
        RoleSessionName: 'tagged',
        Tags: [
          { Key: 'team', Value: 'blue' },
          { Key: 'env', Value: 'dev' },
        ],
      });
      const iam = iamAs(creds);
      assert.equal((await iam.send(new GetUserCommand({ UserName: 'blue' }))).User?.UserName, 'blue');
      await expectAwsError(
        iam.send(new GetUserCommand({ UserName: 'red' })),
        'AccessDenied',
        notAuthorized(`arn:aws:sts::${ACCOUNT}:assumed-role/TaggedSessions/tagged`, 'iam:GetUser', `arn:aws:iam::${ACCOUNT}:user/red`),
        403,
      );
      await iam.send(new ListRolesCommand({}));

      const untagged = await assume(aliceSts, { RoleArn: tagRole.arn, RoleSessionName: 'untagged' });
      await expectAwsError(iamAs(untagged.creds).send(new GetUserCommand({ UserName: 'blue' })), 'AccessDenied');
      await expectAwsError(iamAs(untagged.creds).send(new ListRolesCommand({})), 'AccessDenied');
    });

    test('a role session has the role’s tags as aws:PrincipalTag; a session tag overrides one with the same key, ignoring case', async () => {
      await admin.send(
        new CreateRoleCommand({
          RoleName: 'TaggedRole',
          AssumeRolePolicyDocument: trustDoc(`arn:aws:iam::${ACCOUNT}:root`, ['sts:AssumeRole', 'sts:TagSession']),
          Tags: [{ Key: 'team', Value: 'red' }],
        }),
      );
      await admin.send(
        new PutRolePolicyCommand({
          RoleName: 'TaggedRole',
          PolicyName: 'permissions',
          PolicyDocument: policyDoc(allow('iam:GetUser', `arn:aws:iam::${ACCOUNT}:user/\${aws:PrincipalTag/team}`)),
        }),
      );
      const plain = await assume(aliceSts, { RoleArn: roleArn('TaggedRole'), RoleSessionName: 'plain' });
      await iamAs(plain.creds).send(new GetUserCommand({ UserName: 'red' }));
      await expectAwsError(iamAs(plain.creds).send(new GetUserCommand({ UserName: 'blue' })), 'AccessDenied');
      for (const key of ['team', 'TEAM']) {
        const tagged = await assume(aliceSts, {
          RoleArn: roleArn('TaggedRole'),
          RoleSessionName: 'tagged',
          Tags: [{ Key: key, Value: 'blue' }],
        });
        await iamAs(tagged.creds).send(new GetUserCommand({ UserName: 'blue' }));
        await expectAwsError(iamAs(tagged.creds).send(new GetUserCommand({ UserName: 'red' })), 'AccessDenied');
      }
    });

    test('tag rules: duplicate keys ignoring case; transitive keys must be among the tags', async () => {
      await expectAwsError(
        aliceSts.send(
          assumeCmd(tagRole.arn, 'xx', {
            Tags: [
              { Key: 'team', Value: 'a' },
              { Key: 'TEAM', Value: 'b' },
            ],
          }),
        ),
        'InvalidParameterValue',
        'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
        400,
      );
      await expectAwsError(
        aliceSts.send(assumeCmd(tagRole.arn, 'xx', { Tags: [{ Key: 'team', Value: 'a' }], TransitiveTagKeys: ['project'] })),
        'InvalidParameterValue',
        'The specified transitive tag key must be included in the requested tags.',
        400,
      );
      // Compared ignoring case (reference §2.3.4).
      await assume(aliceSts, {
        RoleArn: tagRole.arn,
        RoleSessionName: 'xx',
        Tags: [{ Key: 'SessionTag1', Value: 'a' }],
        TransitiveTagKeys: ['sessiontag1'],
      });
    });

    test('transitive tags carry over a chain (non-transitive ones do not) and cannot be overridden', async () => {
      const first = await assume(aliceSts, {
        RoleArn: tagRole.arn,
        RoleSessionName: 'hop1',
        Tags: [
          { Key: 'team', Value: 'blue' },
          { Key: 'env', Value: 'dev' },
        ],
        TransitiveTagKeys: ['team'],
      });
      const hop1 = stsAs(first.creds);
      const conflict =
        "One of the specified transitive tag keys can't be set because it conflicts with a transitive tag key from the calling session.";
      await expectAwsError(
        hop1.send(assumeCmd(nextRole.arn, 'hop2', { Tags: [{ Key: 'team', Value: 'red' }] })),
        'InvalidParameterValue',
        conflict,
        400,
      );
      await expectAwsError(
        hop1.send(assumeCmd(nextRole.arn, 'hop2', { Tags: [{ Key: 'TEAM', Value: 'red' }] })),
        'InvalidParameterValue',
        conflict,
        400,
      );

      const second = await assume(hop1, { RoleArn: nextRole.arn, RoleSessionName: 'hop2' });
      const iam2 = iamAs(second.creds);
      assert.equal((await iam2.send(new GetUserCommand({ UserName: 'blue' }))).User?.UserName, 'blue', 'team=blue was inherited');
      await expectAwsError(iam2.send(new GetUserCommand({ UserName: 'red' })), 'AccessDenied');
      await expectAwsError(iam2.send(new ListRolesCommand({})), 'AccessDenied', undefined, 403); // env=dev was not transitive

      // A new, non-conflicting tag may be added; the inherited tag stays transitive for the next hop.
      const withEnv = await assume(hop1, { RoleArn: nextRole.arn, RoleSessionName: 'hop2e', Tags: [{ Key: 'env', Value: 'dev' }] });
      await iamAs(withEnv.creds).send(new ListRolesCommand({}));
      const third = await assume(stsAs(withEnv.creds), { RoleArn: thirdRole.arn, RoleSessionName: 'hop3' });
      const iam3 = iamAs(third.creds);
      assert.equal((await iam3.send(new GetUserCommand({ UserName: 'blue' }))).User?.UserName, 'blue', 'team=blue reached the third hop');
      await expectAwsError(iam3.send(new ListRolesCommand({})), 'AccessDenied'); // env=dev (non-transitive at hop 2) did not
      await expectAwsError(
        stsAs(second.creds).send(assumeCmd(thirdRole.arn, 'hop3', { Tags: [{ Key: 'Team', Value: 'red' }] })),
        'InvalidParameterValue',
        conflict,
      );
    });

    test('a trust policy can test the caller’s aws:PrincipalTag (inherited transitive tags included)', async () => {
      const gated = await createRole(
        admin,
        'BlueTeamOnly',
        trustDoc([tagRole.arn, nextRole.arn], 'sts:AssumeRole', { StringEquals: { 'aws:PrincipalTag/team': 'blue' } }),
      );
      const blue = await assume(aliceSts, {
        RoleArn: tagRole.arn,
        RoleSessionName: 'blue',
        Tags: [{ Key: 'team', Value: 'blue' }],
        TransitiveTagKeys: ['team'],
      });
      await assume(stsAs(blue.creds), { RoleArn: gated.arn, RoleSessionName: 'gated' });
      const red = await assume(aliceSts, { RoleArn: tagRole.arn, RoleSessionName: 'red', Tags: [{ Key: 'team', Value: 'red' }] });
      await expectAwsError(stsAs(red.creds).send(assumeCmd(gated.arn, 'gated')), 'AccessDenied');
      // One hop further: a TaggedNext session inherited team=blue only if it was transitive.
      const viaBlue = await assume(stsAs(blue.creds), { RoleArn: nextRole.arn, RoleSessionName: 'hop2' });
      await assume(stsAs(viaBlue.creds), { RoleArn: gated.arn, RoleSessionName: 'gated' });
      const notTransitive = await assume(aliceSts, {
        RoleArn: tagRole.arn,
        RoleSessionName: 'blue',
        Tags: [{ Key: 'team', Value: 'blue' }],
      });
      const viaPlain = await assume(stsAs(notTransitive.creds), { RoleArn: nextRole.arn, RoleSessionName: 'hop2' });
      await expectAwsError(stsAs(viaPlain.creds).send(assumeCmd(gated.arn, 'gated')), 'AccessDenied');
    });
  });

  suite('source identity', () => {
    let sourceRole: TestRole;
    let plainRole: TestRole;
    let nextRole: TestRole;

    before(async () => {
      sourceRole = await createRole(
        admin,
        'SetsSource',
        trustDoc(`arn:aws:iam::${ACCOUNT}:root`, ['sts:AssumeRole', 'sts:SetSourceIdentity']),
        {
          policy: policyDoc(allow('sts:AssumeRole')),
        },
      );
      plainRole = await createRole(admin, 'NoSourcePermission', trustDoc(`arn:aws:iam::${ACCOUNT}:root`));
      nextRole = await createRole(admin, 'SourceNext', trustDoc(sourceRole.arn, ['sts:AssumeRole', 'sts:SetSourceIdentity']), {
        policy: policyDoc(allow('iam:ListRoles', '*', { Condition: { StringEquals: { 'aws:SourceIdentity': 'alice-src' } } })),
      });
    });

    test('setting SourceIdentity needs sts:SetSourceIdentity in the trust policy', async () => {
      await expectAwsError(
        aliceSts.send(assumeCmd(plainRole.arn, 'xx', { SourceIdentity: 'alice-src' })),
        'AccessDenied',
        notAuthorized(alice.arn, 'sts:SetSourceIdentity', plainRole.arn),
        403,
      );
    });

    test('when the trust names only the account, the identity policy must allow sts:SetSourceIdentity too', async () => {
      const hank = await createUser(admin, 'hank-assume-only', policyDoc(allow('sts:AssumeRole')));
      await assume(stsAs(hank.creds), { RoleArn: sourceRole.arn, RoleSessionName: 'hank' });
      await expectAwsError(
        stsAs(hank.creds).send(assumeCmd(sourceRole.arn, 'hank', { SourceIdentity: 'hank' })),
        'AccessDenied',
        notAuthorized(hank.arn, 'sts:SetSourceIdentity', sourceRole.arn),
        403,
      );
    });

    test('SourceIdentity appears in the result, is sticky across a chain, and is aws:SourceIdentity', async () => {
      const first = await assume(aliceSts, { RoleArn: sourceRole.arn, RoleSessionName: 'hop1', SourceIdentity: 'alice-src' });
      assert.equal(first.out.SourceIdentity, 'alice-src');
      assert.equal(first.out.PackedPolicySize, undefined, 'a source identity alone is not a packed policy');
      const hop1 = stsAs(first.creds);
      // Not passed again: carried over.
      const second = await assume(hop1, { RoleArn: nextRole.arn, RoleSessionName: 'hop2' });
      assert.equal(second.out.SourceIdentity, 'alice-src');
      await iamAs(second.creds).send(new ListRolesCommand({}));
      // The same value again is fine; a different value is refused.
      const same = await assume(hop1, { RoleArn: nextRole.arn, RoleSessionName: 'hop2', SourceIdentity: 'alice-src' });
      assert.equal(same.out.SourceIdentity, 'alice-src');
      await expectAwsError(hop1.send(assumeCmd(nextRole.arn, 'hop2', { SourceIdentity: 'mallory' })), 'AccessDenied', undefined, 403);
      // Without a source identity the condition does not hold.
      const anon = await assume(aliceSts, { RoleArn: sourceRole.arn, RoleSessionName: 'nosrc' });
      assert.equal(anon.out.SourceIdentity, undefined);
      const anon2 = await assume(stsAs(anon.creds), { RoleArn: nextRole.arn, RoleSessionName: 'nosrc2' });
      await expectAwsError(iamAs(anon2.creds).send(new ListRolesCommand({})), 'AccessDenied');
    });
  });

  suite('session policies', () => {
    let broad: TestRole;
    let narrow: TestRole;
    let listUsersOnly: string;
    const listUsersPolicy = policyDoc(allow('iam:ListUsers'));

    before(async () => {
      broad = await createRole(admin, 'BroadRole', trustDoc(`arn:aws:iam::${ACCOUNT}:root`), { policy: policyDoc(allow('iam:*')) });
      narrow = await createRole(admin, 'NarrowRole', trustDoc(`arn:aws:iam::${ACCOUNT}:root`), { policy: listUsersPolicy });
      listUsersOnly = await createManagedPolicy(admin, 'SessionListUsersOnly', listUsersPolicy);
    });

    test('without a session policy the session has all of the role’s permissions', async () => {
      const { creds, out } = await assume(aliceSts, { RoleArn: broad.arn, RoleSessionName: 'full' });
      assert.equal(out.PackedPolicySize, undefined);
      await iamAs(creds).send(new ListUsersCommand({}));
      await iamAs(creds).send(new ListRolesCommand({}));
    });

    test('an inline session Policy narrows: iam:* role, ListUsers-only policy → ListUsers yes, ListRoles no', async () => {
      const { creds, out } = await assume(aliceSts, { RoleArn: broad.arn, RoleSessionName: 'inline', Policy: listUsersPolicy });
      assert.equal(typeof out.PackedPolicySize, 'number', 'PackedPolicySize is present when a Policy was passed');
      assert.ok(out.PackedPolicySize! > 0 && out.PackedPolicySize! <= 100);
      const iam = iamAs(creds);
      await iam.send(new ListUsersCommand({}));
      await expectAwsError(
        iam.send(new ListRolesCommand({})),
        'AccessDenied',
        notAuthorized(`arn:aws:sts::${ACCOUNT}:assumed-role/BroadRole/inline`, 'iam:ListRoles', `arn:aws:iam::${ACCOUNT}:role/`),
        403,
      );
    });

    test('managed session policies (PolicyArns) narrow the same way', async () => {
      const { creds, out } = await assume(aliceSts, { RoleArn: broad.arn, RoleSessionName: 'arns', PolicyArns: [{ arn: listUsersOnly }] });
      assert.equal(typeof out.PackedPolicySize, 'number');
      const iam = iamAs(creds);
      await iam.send(new ListUsersCommand({}));
      await expectAwsError(iam.send(new ListRolesCommand({})), 'AccessDenied', undefined, 403);
    });

    test('a session policy cannot widen the role’s permissions', async () => {
      const { creds } = await assume(aliceSts, { RoleArn: narrow.arn, RoleSessionName: 'wide', Policy: policyDoc(allow('*')) });
      const iam = iamAs(creds);
      await iam.send(new ListUsersCommand({}));
      await expectAwsError(iam.send(new ListRolesCommand({})), 'AccessDenied', undefined, 403);
    });

    test('the role’s permissions boundary also limits the session', async () => {
      const boundary = await createManagedPolicy(admin, 'BoundaryListUsers', listUsersPolicy);
      await createRole(admin, 'BoundedRole', trustDoc(`arn:aws:iam::${ACCOUNT}:root`), { policy: policyDoc(allow('iam:*')) });
      await admin.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'BoundedRole', PermissionsBoundary: boundary }));
      const { creds } = await assume(aliceSts, { RoleArn: roleArn('BoundedRole'), RoleSessionName: 'sb' });
      await iamAs(creds).send(new ListUsersCommand({}));
      await expectAwsError(iamAs(creds).send(new ListRolesCommand({})), 'AccessDenied', undefined, 403);
    });

    test('a broken session policy is MalformedPolicyDocument', async () => {
      const e = await awsError(
        aliceSts.send(assumeCmd(broad.arn, 'xx', { Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow"' })),
      );
      assert.equal(e.code, 'MalformedPolicyDocument', e.message);
      assert.equal(e.status, 400);
      assert.notEqual(e.message, '');
    });

    test('a session policy too large once packed is PackedPolicyTooLarge with the percentage', async () => {
      const actions = Array.from({ length: 60 }, (_, i) => `iam:ListSomethingQuiteLong${String(i).padStart(3, '0')}`);
      const huge = policyDoc(allow(actions));
      assert.ok(huge.length <= 2048, `under the plaintext limit (${huge.length})`);
      await expectAwsError(
        aliceSts.send(assumeCmd(broad.arn, 'xx', { Policy: huge })),
        'PackedPolicyTooLarge',
        /^Packed policy consumes \d+% of allotted space$/,
        400,
      );
    });

    test('PackedPolicySize grows with what is packed', async () => {
      const small = await assume(aliceSts, { RoleArn: broad.arn, RoleSessionName: 'p1', Policy: listUsersPolicy });
      const big = await assume(aliceSts, {
        RoleArn: broad.arn,
        RoleSessionName: 'p2',
        Policy: policyDoc(allow(['iam:ListUsers', 'iam:ListRoles', 'iam:ListGroups', 'iam:ListPolicies', 'iam:GetUser', 'iam:GetRole'])),
      });
      assert.ok(big.out.PackedPolicySize! > small.out.PackedPolicySize!, `${big.out.PackedPolicySize} > ${small.out.PackedPolicySize}`);
    });
  });

  suite('acting as the session', () => {
    let role: TestRole;

    before(async () => {
      role = await createRole(admin, 'LiveRole', trustDoc(`arn:aws:iam::${ACCOUNT}:root`), {
        policy: policyDoc(allow(['iam:ListUsers', 'iam:ListRoles'])),
      });
    });

    test('changing the role’s policies affects an existing session at once', async () => {
      const { creds } = await assume(aliceSts, { RoleArn: role.arn, RoleSessionName: 'live' });
      const iam = iamAs(creds);
      await iam.send(new ListUsersCommand({}));
      await admin.send(
        new PutRolePolicyCommand({ RoleName: role.name, PolicyName: 'DenyListUsers', PolicyDocument: policyDoc(deny('iam:ListUsers')) }),
      );
      await expectAwsError(iam.send(new ListUsersCommand({})), 'AccessDenied', /with an explicit deny|is not authorized/, 403);
      await iam.send(new ListRolesCommand({}));
      await admin.send(new DeleteRolePolicyCommand({ RoleName: role.name, PolicyName: 'DenyListUsers' }));
      await iam.send(new ListUsersCommand({}));
      // Removing the permission (not only denying) takes effect at once too.
      await admin.send(
        new PutRolePolicyCommand({ RoleName: role.name, PolicyName: 'permissions', PolicyDocument: policyDoc(allow('iam:ListRoles')) }),
      );
      await expectAwsError(iam.send(new ListUsersCommand({})), 'AccessDenied');
      await admin.send(
        new PutRolePolicyCommand({
          RoleName: role.name,
          PolicyName: 'permissions',
          PolicyDocument: policyDoc(allow(['iam:ListUsers', 'iam:ListRoles'])),
        }),
      );
    });

    test('a session of a deleted role has no permissions, even after a role of the same name is recreated', async () => {
      const doomed = await createRole(admin, 'DoomedRole', trustDoc(`arn:aws:iam::${ACCOUNT}:root`), {
        policy: policyDoc(allow('iam:ListUsers')),
      });
      const { creds } = await assume(aliceSts, { RoleArn: doomed.arn, RoleSessionName: 'doomed' });
      await iamAs(creds).send(new ListUsersCommand({}));
      await admin.send(new DeleteRolePolicyCommand({ RoleName: 'DoomedRole', PolicyName: 'permissions' }));
      await admin.send(new DeleteRoleCommand({ RoleName: 'DoomedRole' }));
      await expectAwsError(iamAs(creds).send(new ListUsersCommand({})), 'AccessDenied', undefined, 403);
      const reborn = await createRole(admin, 'DoomedRole', trustDoc(`arn:aws:iam::${ACCOUNT}:root`), {
        policy: policyDoc(allow('iam:ListUsers')),
      });
      assert.notEqual(reborn.roleId, doomed.roleId);
      await expectAwsError(iamAs(creds).send(new ListUsersCommand({})), 'AccessDenied', undefined, 403);
    });

    test('revocation the AWS way: Deny * when aws:TokenIssueTime is before now; newer sessions still work', async () => {
      const old = await assume(aliceSts, { RoleArn: role.arn, RoleSessionName: 'old' });
      await iamAs(old.creds).send(new ListUsersCommand({}));
      // The console's "Revoke active sessions" policy, with the cut-off one second ahead of now.
      const cutoff = new Date(Math.floor(clock.now() / 1000) * 1000 + 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const revoke = policyDoc(deny('*', '*', { Condition: { DateLessThan: { 'aws:TokenIssueTime': cutoff } } }));
      await admin.send(new PutRolePolicyCommand({ RoleName: role.name, PolicyName: 'AWSRevokeOlderSessions', PolicyDocument: revoke }));
      try {
        await expectAwsError(iamAs(old.creds).send(new ListUsersCommand({})), 'AccessDenied', undefined, 403);
        // GetCallerIdentity needs no permission, even with an explicit deny (AWS doc).
        assert.equal((await whoami(old.creds)).Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/LiveRole/old`);
        clock.advance(2000);
        const fresh = await assume(aliceSts, { RoleArn: role.arn, RoleSessionName: 'fresh' });
        await iamAs(fresh.creds).send(new ListUsersCommand({}));
        await expectAwsError(iamAs(old.creds).send(new ListRolesCommand({})), 'AccessDenied');
      } finally {
        clock.reset();
        await admin.send(new DeleteRolePolicyCommand({ RoleName: role.name, PolicyName: 'AWSRevokeOlderSessions' }));
      }
    });

    test('a tampered session token is InvalidClientTokenId', async () => {
      const { creds } = await assume(aliceSts, { RoleArn: role.arn, RoleSessionName: 'tamper' });
      await whoami(creds);
      const token = creds.sessionToken!;
      const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
      for (const i of [0, 5, Math.floor(token.length / 2), token.length - 20, token.length - 1]) {
        await expectAwsError(whoami({ ...creds, sessionToken: flip(token, i) }), 'InvalidClientTokenId', INVALID_TOKEN, 403);
      }
      await expectAwsError(whoami({ ...creds, sessionToken: token.slice(0, -4) }), 'InvalidClientTokenId', INVALID_TOKEN, 403);
      await expectAwsError(whoami({ ...creds, sessionToken: `${token}AAAA` }), 'InvalidClientTokenId', INVALID_TOKEN, 403);
      // Without the token, an ASIA key means nothing.
      await expectAwsError(
        whoami({ accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey }),
        'InvalidClientTokenId',
        INVALID_TOKEN,
        403,
      );
      // The untouched token still works afterwards.
      assert.equal((await whoami(creds)).Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/LiveRole/tamper`);
    });

    test('a session token paired with another session’s access key id is InvalidClientTokenId', async () => {
      const a = await assume(aliceSts, { RoleArn: role.arn, RoleSessionName: 'sa' });
      const b = await assume(aliceSts, { RoleArn: role.arn, RoleSessionName: 'sb' });
      await expectAwsError(whoami({ ...b.creds, sessionToken: a.creds.sessionToken }), 'InvalidClientTokenId', INVALID_TOKEN, 403);
      await expectAwsError(whoami({ ...a.creds, sessionToken: b.creds.sessionToken }), 'InvalidClientTokenId', INVALID_TOKEN, 403);
      // A long-term key with a session token is not valid either.
      await expectAwsError(whoami({ ...alice.creds, sessionToken: a.creds.sessionToken }), 'InvalidClientTokenId', INVALID_TOKEN, 403);
      // The right token with a wrong secret fails the signature.
      const e = await awsError(whoami({ ...a.creds, secretAccessKey: b.creds.secretAccessKey }));
      assert.equal(e.code, 'SignatureDoesNotMatch', e.message);
    });

    test('expiry: past Expiration every call is ExpiredToken', async () => {
      const { creds, out } = await assume(aliceSts, { RoleArn: role.arn, RoleSessionName: 'expiring', DurationSeconds: 900 });
      try {
        clock.advance(840_000);
        await iamAs(creds).send(new ListUsersCommand({}));
        const left = secondsFromNow(out.Credentials!.Expiration);
        clock.advance((left + 1) * 1000);
        await expectAwsError(whoami(creds), 'ExpiredToken', EXPIRED_TOKEN, 403);
        await expectAwsError(iamAs(creds).send(new ListUsersCommand({})), 'ExpiredToken', EXPIRED_TOKEN, 403);
        await expectAwsError(stsAs(creds).send(assumeCmd(role.arn, 'again')), 'ExpiredToken', EXPIRED_TOKEN, 403);
      } finally {
        clock.reset();
      }
      // The default one-hour session expires after an hour too.
      const hour = await assume(aliceSts, { RoleArn: role.arn, RoleSessionName: 'hour' });
      try {
        clock.advance(3601_000);
        await expectAwsError(whoami(hour.creds), 'ExpiredToken', EXPIRED_TOKEN, 403);
      } finally {
        clock.reset();
      }
      await whoami(hour.creds);
    });
  });

  suite('SDK v3 credential providers', () => {
    let role: TestRole;

    before(async () => {
      role = await createRole(admin, 'ProviderRole', trustDoc(`arn:aws:iam::${ACCOUNT}:root`), {
        policy: policyDoc(allow('iam:ListRoles')),
      });
    });

    test('getDefaultRoleAssumer (the assume-role provider behind fromIni / fromTemporaryCredentials)', async () => {
      // Its options type omits `endpoint`, but they are spread into the STS client it builds.
      const options = { endpoint: server.url, region: 'us-east-1' } as Parameters<typeof getDefaultRoleAssumer>[0];
      const assumer = getDefaultRoleAssumer(options);
      const creds = await assumer(alice.creds, { RoleArn: role.arn, RoleSessionName: 'assumer' });
      assert.match(creds.accessKeyId, /^ASIA/);
      assert.ok(creds.expiration instanceof Date);
      const id = await whoami(creds);
      assert.equal(id.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/ProviderRole/assumer`);
      await iamAs(creds).send(new ListRolesCommand({}));
    });

    test("fromTemporaryCredentials (the SDK's own assume-role provider)", async () => {
      const provider = fromTemporaryCredentials({
        masterCredentials: alice.creds,
        params: { RoleArn: role.arn, RoleSessionName: 'temporary' },
        clientConfig: { endpoint: server.url, region: 'us-east-1' },
      });
      const creds = await provider();
      assert.match(creds.accessKeyId, /^ASIA/);
      const id = await whoami(creds);
      assert.equal(id.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/ProviderRole/temporary`);
      // A client that takes the provider itself, as applications write it.
      const iam = new IAMClient({ endpoint: server.url, region: 'us-east-1', credentials: provider, maxAttempts: 1 });
      await iam.send(new ListRolesCommand({}));
    });

    test('fromIni with role_arn + source_profile (the SDK assumes the role itself)', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'keysmith-sts-ini-'));
      try {
        const config = join(dir, 'config');
        const credentials = join(dir, 'credentials');
        writeFileSync(
          config,
          `[profile chained]\nrole_arn = ${role.arn}\nsource_profile = base\nrole_session_name = ini-session\nregion = us-east-1\n`,
        );
        writeFileSync(
          credentials,
          `[base]\naws_access_key_id = ${alice.creds.accessKeyId}\naws_secret_access_key = ${alice.creds.secretAccessKey}\n`,
        );
        const provider = fromIni({
          profile: 'chained',
          filepath: credentials,
          configFilepath: config,
          clientConfig: { endpoint: server.url, region: 'us-east-1' },
          ignoreCache: true,
        });
        const creds = await provider();
        assert.match(creds.accessKeyId, /^ASIA/);
        const id = await whoami(creds);
        assert.equal(id.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/ProviderRole/ini-session`);
        // A client built with the provider itself (it refreshes through the same path).
        const client = iamClient(server.url, creds);
        await client.send(new ListRolesCommand({}));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

function assumeCmd(
  arn: string,
  session: string,
  extra: Omit<AssumeRoleCommandInput, 'RoleArn' | 'RoleSessionName'> = {},
): AssumeRoleCommand {
  return new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: session, ...extra });
}
