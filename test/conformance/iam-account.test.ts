import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import {
  CreateAccountAliasCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  DeleteAccountAliasCommand,
  GetAccountSummaryCommand,
  type IAMClient,
  ListAccountAliasesCommand,
} from '@aws-sdk/client-iam';
import { RECORD_KINDS } from '../../src/model/record-kinds.js';
import { nodeRandom } from '../../src/platform/node-random.js';
import { createAccount } from '../../src/services/accounts/create-account.js';
import { accountIdForAlias } from '../../src/services/iam/account/index.js';
import type { Store } from '../../src/storage/store.js';
import { iamClient } from '../support/sdk-clients.js';
import type { TestServer } from '../support/server.js';
import { createUser } from '../support/sts-helpers.js';
import { rejects, startIamTestServer } from './iam-test-helpers.js';

/**
 * Account aliases (one per account, one namespace across every account of a keysmith) and
 * GetAccountSummary's counters over the IAM records, through the real AWS SDK v3.
 */
let server: TestServer;
let iam: IAMClient;
let other: IAMClient;
let store: Store;
let acct: string;
const OTHER = '210987654321';

const aliases = async (client: IAMClient = iam) => (await client.send(new ListAccountAliasesCommand({}))).AccountAliases;

suite('IAM account aliases and summary (SDK v3)', () => {
  before(async () => {
    server = await startIamTestServer();
    iam = iamClient(server.url, server.admin);
    store = server.keysmith.app.store;
    acct = server.accountId;
    const created = await createAccount(store, server.keysmith.app.secrets, nodeRandom, { accountId: OTHER, now: Date.now() });
    server.keysmith.app.invalidateCaches();
    other = iamClient(server.url, created.admin);
  });
  after(async () => {
    iam?.destroy();
    other?.destroy();
    await server?.close();
  });

  suite('account aliases', () => {
    test('none at first: an empty list, not truncated', async () => {
      const out = await iam.send(new ListAccountAliasesCommand({}));
      assert.deepEqual(out.AccountAliases, []);
      assert.equal(out.IsTruncated, false);
      assert.equal(out.Marker, undefined);
    });

    test('create, list, look up for the console; a second create replaces the first', async () => {
      await iam.send(new CreateAccountAliasCommand({ AccountAlias: 'keysmith-one' }));
      assert.deepEqual(await aliases(), ['keysmith-one']);
      assert.equal(await accountIdForAlias(store, 'keysmith-one'), acct);
      await iam.send(new CreateAccountAliasCommand({ AccountAlias: 'keysmith-two' }));
      assert.deepEqual(await aliases(), ['keysmith-two']);
      assert.equal(await accountIdForAlias(store, 'keysmith-one'), undefined);
      assert.equal(await accountIdForAlias(store, 'keysmith-two'), acct);
    });

    test('a name any account holds is taken, this account included', async () => {
      await rejects(
        iam.send(new CreateAccountAliasCommand({ AccountAlias: 'keysmith-two' })),
        'EntityAlreadyExists',
        'The account alias keysmith-two already exists.',
        409,
      );
      await rejects(
        other.send(new CreateAccountAliasCommand({ AccountAlias: 'keysmith-two' })),
        'EntityAlreadyExists',
        'The account alias keysmith-two already exists.',
        409,
      );
      await other.send(new CreateAccountAliasCommand({ AccountAlias: 'keysmith-other' }));
      assert.deepEqual(await aliases(other), ['keysmith-other']);
      assert.deepEqual(await aliases(), ['keysmith-two']);
      assert.equal(await accountIdForAlias(store, 'keysmith-other'), OTHER);
    });

    test('paging with MaxItems and Marker', async () => {
      const first = await iam.send(new ListAccountAliasesCommand({ MaxItems: 1 }));
      assert.deepEqual(first.AccountAliases, ['keysmith-two']);
      assert.equal(first.IsTruncated, false);
      await rejects(iam.send(new ListAccountAliasesCommand({ MaxItems: 0 })), 'ValidationError', /maxItems/);
    });

    test('the pattern and lengths of the model', async () => {
      const pattern =
        "1 validation error detected: Value at 'accountAlias' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$";
      for (const bad of ['Upper-case', '-leading', 'trailing-', 'two--dashes', 'under_score']) {
        await rejects(iam.send(new CreateAccountAliasCommand({ AccountAlias: bad })), 'ValidationError', pattern, 400);
      }
      await rejects(
        iam.send(new CreateAccountAliasCommand({ AccountAlias: 'ab' })),
        'ValidationError',
        /Member must have length greater than or equal to 3/,
      );
      await rejects(
        iam.send(new CreateAccountAliasCommand({ AccountAlias: 'a'.repeat(64) })),
        'ValidationError',
        /Member must have length less than or equal to 63/,
      );
      await rejects(iam.send(new DeleteAccountAliasCommand({ AccountAlias: 'Bad' })), 'ValidationError', pattern);
      await iam.send(new CreateAccountAliasCommand({ AccountAlias: `a-${'b'.repeat(59)}-c` }));
      await iam.send(new CreateAccountAliasCommand({ AccountAlias: 'keysmith-two' }));
    });

    test('delete: only this account’s alias, by its name', async () => {
      await rejects(
        iam.send(new DeleteAccountAliasCommand({ AccountAlias: 'keysmith-other' })),
        'NoSuchEntity',
        'The account alias keysmith-other cannot be found.',
        404,
      );
      await rejects(
        iam.send(new DeleteAccountAliasCommand({ AccountAlias: 'never-made' })),
        'NoSuchEntity',
        'The account alias never-made cannot be found.',
      );
      await iam.send(new DeleteAccountAliasCommand({ AccountAlias: 'keysmith-two' }));
      assert.deepEqual(await aliases(), []);
      assert.equal(await accountIdForAlias(store, 'keysmith-two'), undefined);
      // The freed name can be taken by another account.
      await other.send(new CreateAccountAliasCommand({ AccountAlias: 'keysmith-two' }));
      assert.deepEqual(await aliases(other), ['keysmith-two']);
    });

    test('authorization: the alias actions on *', async () => {
      const user = await createUser(iam, 'alias-nobody');
      const client = iamClient(server.url, user.creds);
      const denied = (action: string) =>
        `User: ${user.arn} is not authorized to perform: ${action} on resource: * because no identity-based policy allows the ${action} action`;
      await rejects(
        client.send(new CreateAccountAliasCommand({ AccountAlias: 'nope-alias' })),
        'AccessDenied',
        denied('iam:CreateAccountAlias'),
        403,
      );
      await rejects(
        client.send(new DeleteAccountAliasCommand({ AccountAlias: 'nope-alias' })),
        'AccessDenied',
        denied('iam:DeleteAccountAlias'),
        403,
      );
      await rejects(client.send(new ListAccountAliasesCommand({})), 'AccessDenied', denied('iam:ListAccountAliases'), 403);
      await rejects(client.send(new GetAccountSummaryCommand({})), 'AccessDenied', denied('iam:GetAccountSummary'), 403);
      client.destroy();
    });
  });

  suite('GetAccountSummary', () => {
    const summary = async () => (await iam.send(new GetAccountSummaryCommand({}))).SummaryMap as Record<string, number>;
    const record = (kind: string, name: string, ownerId: string, accountId = acct) =>
      store.records.create({ kind, accountId, name, path: '/', ownerId, createDate: Date.now(), body: '{"tags":[]}' });

    test('every quota and counter AWS reports, with GlobalEndpointTokenVersion 1 by default', async () => {
      const m = await summary();
      for (const key of [
        'AccessKeysPerUserQuota',
        'AccountAccessKeysPresent',
        'AccountMFAEnabled',
        'AccountPasswordPresent',
        'AccountSigningCertificatesPresent',
        'AssumeRolePolicySizeQuota',
        'AttachedPoliciesPerGroupQuota',
        'AttachedPoliciesPerRoleQuota',
        'AttachedPoliciesPerUserQuota',
        'GlobalEndpointTokenVersion',
        'GroupPolicySizeQuota',
        'Groups',
        'GroupsPerUserQuota',
        'GroupsQuota',
        'InstanceProfiles',
        'InstanceProfilesQuota',
        'MFADevices',
        'MFADevicesInUse',
        'Policies',
        'PoliciesQuota',
        'PolicySizeQuota',
        'PolicyVersionsInUse',
        'PolicyVersionsInUseQuota',
        'Providers',
        'RolePolicySizeQuota',
        'Roles',
        'RolesQuota',
        'ServerCertificates',
        'ServerCertificatesQuota',
        'SigningCertificatesPerUserQuota',
        'UserPolicySizeQuota',
        'Users',
        'UsersQuota',
        'VersionsPerPolicyQuota',
      ]) {
        assert.equal(typeof m[key], 'number', key);
      }
      assert.equal(m.GlobalEndpointTokenVersion, 1);
      assert.equal(m.ServerCertificatesQuota, 20);
      assert.equal(m.SigningCertificatesPerUserQuota, 2);
      assert.equal(m.InstanceProfilesQuota, 1000);
    });

    test('counts the IAM records of this account only', async () => {
      const start = await summary();
      await record(RECORD_KINDS.instanceProfile, 'ip-1', 'AROAEXAMPLE');
      await record(RECORD_KINDS.instanceProfile, 'ip-2', 'AROAEXAMPLE');
      await record(RECORD_KINDS.oidcProvider, 'oidc.example.com', acct);
      await record(RECORD_KINDS.samlProvider, 'saml-1', acct);
      await record(RECORD_KINDS.serverCertificate, 'cert-1', acct);
      await record(RECORD_KINDS.instanceProfile, 'ip-elsewhere', 'AROAOTHER', OTHER);
      const after = await summary();
      assert.equal(after.InstanceProfiles, start.InstanceProfiles! + 2);
      assert.equal(after.Providers, start.Providers! + 2);
      assert.equal(after.ServerCertificates, start.ServerCertificates! + 1);
    });

    test('a user’s login profile or certificate is not the root’s: the Account… flags are the root’s own', async () => {
      await iam.send(new CreateUserCommand({ UserName: 'summary-user' }));
      await iam.send(new CreateLoginProfileCommand({ UserName: 'summary-user', Password: 'Keysmith-pass-1' }));
      await record(RECORD_KINDS.signingCertificate, 'user-cert', 'AIDAEXAMPLEUSER');
      let m = await summary();
      assert.equal(m.AccountPasswordPresent, 0);
      assert.equal(m.AccountSigningCertificatesPresent, 0);
      await record(RECORD_KINDS.signingCertificate, 'root-cert', acct);
      await record(RECORD_KINDS.loginProfile, acct, acct);
      m = await summary();
      assert.equal(m.AccountPasswordPresent, 1);
      assert.equal(m.AccountSigningCertificatesPresent, 1);
    });

    test('GlobalEndpointTokenVersion from SetSecurityTokenServicePreferences’ record', async () => {
      await store.records.create({
        kind: RECORD_KINDS.accountSettings,
        accountId: acct,
        name: 'sts',
        path: '/',
        ownerId: acct,
        createDate: Date.now(),
        body: JSON.stringify({ globalEndpointTokenVersion: 2 }),
      });
      assert.equal((await summary()).GlobalEndpointTokenVersion, 2);
    });
  });
});
