import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import {
  ChangePasswordCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  DeleteAccountPasswordPolicyCommand,
  DeleteLoginProfileCommand,
  DeleteUserCommand,
  GetAccountPasswordPolicyCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  type IAMClient,
  ListUsersCommand,
  UpdateAccountPasswordPolicyCommand,
  type UpdateAccountPasswordPolicyCommandInput,
  UpdateLoginProfileCommand,
} from '@aws-sdk/client-iam';
import { RECORD_KINDS } from '../../src/model/record-kinds.js';
import { verifyConsolePassword } from '../../src/services/iam/login-profiles/index.js';
import { loginProfiles } from '../../src/services/iam/login-profiles/login-profile-record.js';
import type { Store } from '../../src/storage/store.js';
import { sendLookupEvents } from '../support/clients-signer.js';
import { iamClient } from '../support/sdk-clients.js';
import type { TestServer } from '../support/server.js';
import { allow, createUser, deny, policyDoc, type TestUser } from '../support/sts-helpers.js';
import { rejects, startIamTestServer } from './iam-test-helpers.js';

/**
 * Console passwords through the real AWS SDK v3 against a real keysmith: login profiles, the
 * account password policy enforced on every password set (AWS's default rules without one),
 * ChangePassword (and AllowUsersToChangePassword), DeleteUser's conflicts, PasswordLastUsed,
 * the console's verifyConsolePassword, authorization, and the audit's hidden passwords.
 */
let server: TestServer;
let iam: IAMClient;
let root: IAMClient;
let store: Store;
let acct: string;

const GOOD = 'Keysmith-pass-1';
const OTHER_GOOD = 'Another-pass-2';

async function newUser(name: string): Promise<void> {
  await iam.send(new CreateUserCommand({ UserName: name }));
}

async function setPolicy(input: UpdateAccountPasswordPolicyCommandInput): Promise<void> {
  await iam.send(new UpdateAccountPasswordPolicyCommand(input));
}

async function clearPolicy(): Promise<void> {
  await iam.send(new DeleteAccountPasswordPolicyCommand({})).catch(() => undefined);
}

suite('IAM login profiles and password policy (SDK v3)', () => {
  before(async () => {
    server = await startIamTestServer();
    iam = iamClient(server.url, server.admin);
    root = iamClient(server.url, server.root);
    store = server.keysmith.app.store;
    acct = server.accountId;
  });
  after(async () => {
    iam?.destroy();
    root?.destroy();
    await server?.close();
  });

  suite('CreateLoginProfile, GetLoginProfile', () => {
    test('creates, answers the profile, and never stores the password', async () => {
      await newUser('lp-alice');
      const created = await iam.send(new CreateLoginProfileCommand({ UserName: 'lp-alice', Password: GOOD, PasswordResetRequired: true }));
      assert.equal(created.LoginProfile?.UserName, 'lp-alice');
      assert.equal(created.LoginProfile?.PasswordResetRequired, true);
      assert.ok(created.LoginProfile?.CreateDate instanceof Date);
      const got = await iam.send(new GetLoginProfileCommand({ UserName: 'lp-alice' }));
      assert.deepEqual(got.LoginProfile, created.LoginProfile);
      const userId = (await iam.send(new GetUserCommand({ UserName: 'lp-alice' }))).User!.UserId!;
      const row = await store.records.get(RECORD_KINDS.loginProfile, acct, userId);
      assert.ok(row && !row.body.includes(GOOD) && row.body.includes('scrypt$'));
      assert.equal(row.ownerId, userId);
    });

    test('PasswordResetRequired defaults to false', async () => {
      await newUser('lp-default');
      const created = await iam.send(new CreateLoginProfileCommand({ UserName: 'lp-default', Password: GOOD }));
      assert.equal(created.LoginProfile?.PasswordResetRequired, false);
    });

    test('a second profile: EntityAlreadyExists', async () => {
      await newUser('lp-twice');
      await iam.send(new CreateLoginProfileCommand({ UserName: 'lp-twice', Password: GOOD }));
      await rejects(
        iam.send(new CreateLoginProfileCommand({ UserName: 'lp-twice', Password: OTHER_GOOD })),
        'EntityAlreadyExists',
        'Login Profile for user lp-twice already exists.',
        409,
      );
    });

    test('unknown user, user without a profile: NoSuchEntity', async () => {
      await rejects(
        iam.send(new CreateLoginProfileCommand({ UserName: 'lp-nobody', Password: GOOD })),
        'NoSuchEntity',
        'The user with name lp-nobody cannot be found.',
        404,
      );
      await newUser('lp-none');
      await rejects(
        iam.send(new GetLoginProfileCommand({ UserName: 'lp-none' })),
        'NoSuchEntity',
        'Login Profile for User lp-none cannot be found.',
        404,
      );
    });

    test('model constraints: the password 1..128 of the allowed characters, required outside AssumeRoot', async () => {
      await newUser('lp-valid');
      await rejects(
        iam.send(new CreateLoginProfileCommand({ UserName: 'lp-valid', Password: `${GOOD}${'x'.repeat(120)}` })),
        'ValidationError',
        "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must have length less than or equal to 128",
        400,
      );
      await rejects(
        iam.send(new CreateLoginProfileCommand({ UserName: 'lp-valid' })),
        'ValidationError',
        "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must not be null",
      );
      await rejects(
        iam.send(new CreateLoginProfileCommand({ UserName: 'lp-valid', Password: 'Snow-man-1\u2603' })),
        'ValidationError',
        /'password'/,
      );
    });

    test('without UserName: the calling user; a root caller must name one', async () => {
      const self = await createUser(iam, 'lp-self', policyDoc(allow('iam:*LoginProfile', '*')));
      const client = iamClient(server.url, self.creds);
      const created = await client.send(new CreateLoginProfileCommand({ Password: GOOD }));
      assert.equal(created.LoginProfile?.UserName, 'lp-self');
      assert.equal((await client.send(new GetLoginProfileCommand({}))).LoginProfile?.UserName, 'lp-self');
      await client.send(new DeleteLoginProfileCommand({}));
      await rejects(
        root.send(new GetLoginProfileCommand({})),
        'ValidationError',
        'Must specify userName when calling with non-User credentials',
      );
      client.destroy();
    });

    test('AWS default password rules without a policy', async () => {
      await clearPolicy();
      await newUser('lp-weak');
      await rejects(
        iam.send(new CreateLoginProfileCommand({ UserName: 'lp-weak', Password: 'Ab1!' })),
        'PasswordPolicyViolation',
        'Password should have a minimum length of 8',
        400,
      );
      await rejects(
        iam.send(new CreateLoginProfileCommand({ UserName: 'lp-weak', Password: 'alllowercase1' })),
        'PasswordPolicyViolation',
        'Password should have at least three of the following character types: uppercase letters, lowercase letters, numbers and symbols',
      );
      await rejects(iam.send(new GetLoginProfileCommand({ UserName: 'lp-weak' })), 'NoSuchEntity');
    });
  });

  suite('UpdateLoginProfile, DeleteLoginProfile', () => {
    test('a new password and/or the reset flag; what is omitted stays', async () => {
      await newUser('lp-upd');
      await iam.send(new CreateLoginProfileCommand({ UserName: 'lp-upd', Password: GOOD }));
      await iam.send(new UpdateLoginProfileCommand({ UserName: 'lp-upd', PasswordResetRequired: true }));
      assert.equal((await iam.send(new GetLoginProfileCommand({ UserName: 'lp-upd' }))).LoginProfile?.PasswordResetRequired, true);
      assert.equal(await verifyConsolePassword(store, acct, 'lp-upd', GOOD, Date.now()), 'reset-required');
      await iam.send(new UpdateLoginProfileCommand({ UserName: 'lp-upd', Password: OTHER_GOOD }));
      assert.equal((await iam.send(new GetLoginProfileCommand({ UserName: 'lp-upd' }))).LoginProfile?.PasswordResetRequired, true);
      assert.equal(await verifyConsolePassword(store, acct, 'lp-upd', GOOD, Date.now()), 'wrong');
      await iam.send(new UpdateLoginProfileCommand({ UserName: 'lp-upd', PasswordResetRequired: false }));
      assert.equal(await verifyConsolePassword(store, acct, 'lp-upd', OTHER_GOOD, Date.now()), 'ok');
      await rejects(
        iam.send(new UpdateLoginProfileCommand({ UserName: 'lp-upd', Password: 'short' })),
        'PasswordPolicyViolation',
        'Password should have a minimum length of 8',
      );
    });

    test('no profile: NoSuchEntity on update and delete; delete removes it', async () => {
      await newUser('lp-del');
      const missing = 'Login Profile for User lp-del cannot be found.';
      await rejects(iam.send(new UpdateLoginProfileCommand({ UserName: 'lp-del', Password: GOOD })), 'NoSuchEntity', missing, 404);
      await rejects(iam.send(new DeleteLoginProfileCommand({ UserName: 'lp-del' })), 'NoSuchEntity', missing, 404);
      await iam.send(new CreateLoginProfileCommand({ UserName: 'lp-del', Password: GOOD }));
      await iam.send(new DeleteLoginProfileCommand({ UserName: 'lp-del' }));
      await rejects(iam.send(new GetLoginProfileCommand({ UserName: 'lp-del' })), 'NoSuchEntity', missing);
      await rejects(
        iam.send(new UpdateLoginProfileCommand({ UserName: 'lp-nobody' })),
        'NoSuchEntity',
        'The user with name lp-nobody cannot be found.',
      );
    });
  });

  suite('account password policy', () => {
    test('Get without a policy: NoSuchEntity; Delete without one too', async () => {
      await clearPolicy();
      const text = `The Password Policy with domain name ${acct} cannot be found.`;
      await rejects(iam.send(new GetAccountPasswordPolicyCommand({})), 'NoSuchEntity', text, 404);
      await rejects(iam.send(new DeleteAccountPasswordPolicyCommand({})), 'NoSuchEntity', text, 404);
    });

    test('an empty update takes the API defaults; optional members stay absent', async () => {
      await setPolicy({});
      const { PasswordPolicy: p } = await iam.send(new GetAccountPasswordPolicyCommand({}));
      assert.deepEqual(p, {
        MinimumPasswordLength: 6,
        RequireSymbols: false,
        RequireNumbers: false,
        RequireUppercaseCharacters: false,
        RequireLowercaseCharacters: false,
        AllowUsersToChangePassword: false,
        ExpirePasswords: false,
      });
    });

    test('every member round-trips; ExpirePasswords follows MaxPasswordAge; no partial updates', async () => {
      await setPolicy({
        MinimumPasswordLength: 14,
        RequireSymbols: true,
        RequireNumbers: true,
        RequireUppercaseCharacters: true,
        RequireLowercaseCharacters: true,
        AllowUsersToChangePassword: true,
        MaxPasswordAge: 90,
        PasswordReusePrevention: 24,
        HardExpiry: false,
      });
      const { PasswordPolicy: p } = await iam.send(new GetAccountPasswordPolicyCommand({}));
      assert.deepEqual(p, {
        MinimumPasswordLength: 14,
        RequireSymbols: true,
        RequireNumbers: true,
        RequireUppercaseCharacters: true,
        RequireLowercaseCharacters: true,
        AllowUsersToChangePassword: true,
        ExpirePasswords: true,
        MaxPasswordAge: 90,
        PasswordReusePrevention: 24,
        HardExpiry: false,
      });
      await setPolicy({ RequireNumbers: true });
      const again = (await iam.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy!;
      assert.equal(again.MinimumPasswordLength, 6);
      assert.equal(again.RequireSymbols, false);
      assert.equal(again.MaxPasswordAge, undefined);
      await iam.send(new DeleteAccountPasswordPolicyCommand({}));
      await rejects(iam.send(new GetAccountPasswordPolicyCommand({})), 'NoSuchEntity');
    });

    test('model ranges', async () => {
      const range = (member: string, op: string, n: number) =>
        `1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must have value ${op} than or equal to ${n}`;
      await rejects(
        iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 5 })),
        'ValidationError',
        range('minimumPasswordLength', 'greater', 6),
      );
      await rejects(
        iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 129 })),
        'ValidationError',
        range('minimumPasswordLength', 'less', 128),
      );
      await rejects(
        iam.send(new UpdateAccountPasswordPolicyCommand({ MaxPasswordAge: 1096 })),
        'ValidationError',
        range('maxPasswordAge', 'less', 1095),
      );
      await rejects(
        iam.send(new UpdateAccountPasswordPolicyCommand({ MaxPasswordAge: 0 })),
        'ValidationError',
        range('maxPasswordAge', 'greater', 1),
      );
      await rejects(
        iam.send(new UpdateAccountPasswordPolicyCommand({ PasswordReusePrevention: 25 })),
        'ValidationError',
        range('passwordReusePrevention', 'less', 24),
      );
    });

    test('enforced on CreateLoginProfile and UpdateLoginProfile, rule by rule', async () => {
      await setPolicy({
        MinimumPasswordLength: 10,
        RequireUppercaseCharacters: true,
        RequireLowercaseCharacters: true,
        RequireNumbers: true,
        RequireSymbols: true,
      });
      await newUser('lp-policy');
      const violation = (password: string, message: string) =>
        rejects(
          iam.send(new CreateLoginProfileCommand({ UserName: 'lp-policy', Password: password })),
          'PasswordPolicyViolation',
          message,
          400,
        );
      await violation('Aa1!', 'Password should have a minimum length of 10');
      await violation('aaaaaaaaa1!', 'Password should have at least one uppercase letter');
      await violation('AAAAAAAAA1!', 'Password should have at least one lowercase letter');
      await violation('AAAAAaaaaa!', 'Password should have at least one number');
      await violation('AAAAAaaaaa1', 'Password should have at least one symbol');
      await iam.send(new CreateLoginProfileCommand({ UserName: 'lp-policy', Password: 'AAAAAaaaa1!' }));
      await rejects(
        iam.send(new UpdateLoginProfileCommand({ UserName: 'lp-policy', Password: 'aaaaaaaaa1!' })),
        'PasswordPolicyViolation',
        'Password should have at least one uppercase letter',
      );
      // A policy replaces AWS's default rules: six lowercase letters are enough under the API defaults.
      await setPolicy({});
      await iam.send(new UpdateLoginProfileCommand({ UserName: 'lp-policy', Password: 'abcdef' }));
      await clearPolicy();
    });

    test('reuse prevention: the current password and the N-1 before it', async () => {
      await setPolicy({ PasswordReusePrevention: 2 });
      await newUser('lp-reuse');
      await iam.send(new CreateLoginProfileCommand({ UserName: 'lp-reuse', Password: 'first-1' }));
      const reused = 'Password should not be one of your previous 2 passwords';
      await rejects(
        iam.send(new UpdateLoginProfileCommand({ UserName: 'lp-reuse', Password: 'first-1' })),
        'PasswordPolicyViolation',
        reused,
      );
      await iam.send(new UpdateLoginProfileCommand({ UserName: 'lp-reuse', Password: 'second-2' }));
      await rejects(
        iam.send(new UpdateLoginProfileCommand({ UserName: 'lp-reuse', Password: 'first-1' })),
        'PasswordPolicyViolation',
        reused,
      );
      await iam.send(new UpdateLoginProfileCommand({ UserName: 'lp-reuse', Password: 'third-3' }));
      // first-1 is now three passwords back: allowed again.
      await iam.send(new UpdateLoginProfileCommand({ UserName: 'lp-reuse', Password: 'first-1' }));
      await clearPolicy();
    });
  });

  suite('ChangePassword', () => {
    let carol: TestUser;
    let client: IAMClient;
    before(async () => {
      carol = await createUser(iam, 'lp-carol', policyDoc(allow('iam:ChangePassword', `arn:aws:iam::*:user/\${aws:username}`)));
      client = iamClient(server.url, carol.creds);
      await iam.send(new CreateLoginProfileCommand({ UserName: 'lp-carol', Password: GOOD, PasswordResetRequired: true }));
    });
    after(() => client?.destroy());

    test('the old password must match; the new one replaces it and clears the reset flag', async () => {
      await rejects(
        client.send(new ChangePasswordCommand({ OldPassword: 'Not-the-one-1', NewPassword: OTHER_GOOD })),
        'AccessDenied',
        'The old password is incorrect.',
        403,
      );
      await client.send(new ChangePasswordCommand({ OldPassword: GOOD, NewPassword: OTHER_GOOD }));
      assert.equal((await iam.send(new GetLoginProfileCommand({ UserName: 'lp-carol' }))).LoginProfile?.PasswordResetRequired, false);
      assert.equal(await verifyConsolePassword(store, acct, 'lp-carol', OTHER_GOOD, Date.now()), 'ok');
      assert.equal(await verifyConsolePassword(store, acct, 'lp-carol', GOOD, Date.now()), 'wrong');
    });

    test('the new password is checked against the policy', async () => {
      await setPolicy({ MinimumPasswordLength: 20 });
      await rejects(
        client.send(new ChangePasswordCommand({ OldPassword: OTHER_GOOD, NewPassword: GOOD })),
        'PasswordPolicyViolation',
        'Password should have a minimum length of 20',
      );
      await setPolicy({ PasswordReusePrevention: 1 });
      await rejects(
        client.send(new ChangePasswordCommand({ OldPassword: OTHER_GOOD, NewPassword: OTHER_GOOD })),
        'PasswordPolicyViolation',
        'Password should not be one of your previous 1 passwords',
      );
      await clearPolicy();
    });

    test('callers that are not IAM users: InvalidUserType', async () => {
      await rejects(
        root.send(new ChangePasswordCommand({ OldPassword: GOOD, NewPassword: OTHER_GOOD })),
        'InvalidUserType',
        'Only IAM users can change their own password.',
        400,
      );
    });

    test('a user without a login profile: NoSuchEntity', async () => {
      const dave = await createUser(iam, 'lp-dave', policyDoc(allow('iam:ChangePassword', '*')));
      const daveClient = iamClient(server.url, dave.creds);
      await rejects(
        daveClient.send(new ChangePasswordCommand({ OldPassword: GOOD, NewPassword: OTHER_GOOD })),
        'NoSuchEntity',
        'Login Profile for User lp-dave cannot be found.',
      );
      daveClient.destroy();
    });

    test('no permission: AccessDenied, unless AllowUsersToChangePassword grants it (an explicit Deny still wins)', async () => {
      const erin = await createUser(iam, 'lp-erin');
      const erinClient = iamClient(server.url, erin.creds);
      await iam.send(new CreateLoginProfileCommand({ UserName: 'lp-erin', Password: GOOD }));
      await rejects(
        erinClient.send(new ChangePasswordCommand({ OldPassword: GOOD, NewPassword: OTHER_GOOD })),
        'AccessDenied',
        `User: ${erin.arn} is not authorized to perform: iam:ChangePassword on resource: ${erin.arn} because no identity-based policy allows the iam:ChangePassword action`,
        403,
      );
      await rejects(
        erinClient.send(new GetAccountPasswordPolicyCommand({})),
        'AccessDenied',
        /iam:GetAccountPasswordPolicy on resource: \*/,
      );
      await setPolicy({ AllowUsersToChangePassword: true });
      await erinClient.send(new ChangePasswordCommand({ OldPassword: GOOD, NewPassword: OTHER_GOOD }));
      assert.equal((await erinClient.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy?.AllowUsersToChangePassword, true);
      await iam.send(new CreateUserCommand({ UserName: 'lp-unrelated' }));
      // The grant is for the caller's own password only: UpdateLoginProfile is not part of it.
      await rejects(erinClient.send(new UpdateLoginProfileCommand({ UserName: 'lp-erin', Password: GOOD })), 'AccessDenied');
      const { PutUserPolicyCommand } = await import('@aws-sdk/client-iam');
      await iam.send(
        new PutUserPolicyCommand({ UserName: 'lp-erin', PolicyName: 'no', PolicyDocument: policyDoc(deny('iam:ChangePassword')) }),
      );
      await rejects(
        erinClient.send(new ChangePasswordCommand({ OldPassword: OTHER_GOOD, NewPassword: GOOD })),
        'AccessDenied',
        /with an explicit deny in an identity-based policy/,
      );
      await clearPolicy();
      erinClient.destroy();
    });
  });

  suite('ChangePassword and the caller’s own tags', () => {
    test('aws:ResourceTag/ of the calling user decides, read through the self-authorization', async () => {
      const policy = policyDoc(allow('iam:ChangePassword', '*', { Condition: { StringEquals: { 'aws:ResourceTag/team': 'dev' } } }));
      const dev = await createUser(iam, 'lp-tag-dev', policy);
      const ops = await createUser(iam, 'lp-tag-ops', policy);
      const { TagUserCommand } = await import('@aws-sdk/client-iam');
      await iam.send(new TagUserCommand({ UserName: 'lp-tag-dev', Tags: [{ Key: 'team', Value: 'dev' }] }));
      await iam.send(new TagUserCommand({ UserName: 'lp-tag-ops', Tags: [{ Key: 'team', Value: 'ops' }] }));
      for (const name of ['lp-tag-dev', 'lp-tag-ops']) await iam.send(new CreateLoginProfileCommand({ UserName: name, Password: GOOD }));
      const devClient = iamClient(server.url, dev.creds);
      const opsClient = iamClient(server.url, ops.creds);
      await devClient.send(new ChangePasswordCommand({ OldPassword: GOOD, NewPassword: OTHER_GOOD }));
      await rejects(
        opsClient.send(new ChangePasswordCommand({ OldPassword: GOOD, NewPassword: OTHER_GOOD })),
        'AccessDenied',
        `User: ${ops.arn} is not authorized to perform: iam:ChangePassword on resource: ${ops.arn} because no identity-based policy allows the iam:ChangePassword action`,
      );
      devClient.destroy();
      opsClient.destroy();
    });
  });

  suite('authorization of the admin calls', () => {
    test('each call is checked against the user ARN, or * for the account policy', async () => {
      const frank = await createUser(iam, 'lp-frank');
      const client = iamClient(server.url, frank.creds);
      await newUser('lp-target');
      const target = `arn:aws:iam::${acct}:user/lp-target`;
      const denied = (action: string, resource: string) =>
        `User: ${frank.arn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;
      await rejects(
        client.send(new CreateLoginProfileCommand({ UserName: 'lp-target', Password: GOOD })),
        'AccessDenied',
        denied('iam:CreateLoginProfile', target),
      );
      await rejects(
        client.send(new GetLoginProfileCommand({ UserName: 'lp-target' })),
        'AccessDenied',
        denied('iam:GetLoginProfile', target),
      );
      await rejects(
        client.send(new UpdateLoginProfileCommand({ UserName: 'lp-target' })),
        'AccessDenied',
        denied('iam:UpdateLoginProfile', target),
      );
      await rejects(
        client.send(new DeleteLoginProfileCommand({ UserName: 'lp-target' })),
        'AccessDenied',
        denied('iam:DeleteLoginProfile', target),
      );
      await rejects(
        client.send(new UpdateAccountPasswordPolicyCommand({})),
        'AccessDenied',
        denied('iam:UpdateAccountPasswordPolicy', '*'),
      );
      await rejects(
        client.send(new DeleteAccountPasswordPolicyCommand({})),
        'AccessDenied',
        denied('iam:DeleteAccountPasswordPolicy', '*'),
      );
      client.destroy();
    });
  });

  suite('DeleteUser, PasswordLastUsed and the console', () => {
    test('DeleteUser refuses while the user has a login profile or other credential records', async () => {
      await newUser('lp-gone');
      await iam.send(new CreateLoginProfileCommand({ UserName: 'lp-gone', Password: GOOD }));
      await rejects(
        iam.send(new DeleteUserCommand({ UserName: 'lp-gone' })),
        'DeleteConflict',
        'Cannot delete entity, must delete login profile first.',
        409,
      );
      await iam.send(new DeleteLoginProfileCommand({ UserName: 'lp-gone' }));
      const userId = (await iam.send(new GetUserCommand({ UserName: 'lp-gone' }))).User!.UserId!;
      const cases = [
        [RECORD_KINDS.signingCertificate, 'Cannot delete entity, must delete signing certificates first.'],
        [RECORD_KINDS.sshPublicKey, 'Cannot delete entity, must delete SSH public keys first.'],
        [RECORD_KINDS.serviceSpecificCredential, 'Cannot delete entity, must remove referenced objects first.'],
      ] as const;
      for (const [kind, message] of cases) {
        // Written straight into the store: those areas' operations are another branch's.
        await store.records.create({
          kind,
          accountId: acct,
          name: `${kind}-1`,
          path: '/',
          ownerId: userId,
          createDate: Date.now(),
          body: '{}',
        });
        await rejects(iam.send(new DeleteUserCommand({ UserName: 'lp-gone' })), 'DeleteConflict', message, 409);
        await store.records.delete(kind, acct, `${kind}-1`);
      }
      await iam.send(new DeleteUserCommand({ UserName: 'lp-gone' }));
    });

    test('verifyConsolePassword: ok updates PasswordLastUsed, which GetUser and ListUsers show', async () => {
      await newUser('lp-console');
      assert.equal((await iam.send(new GetUserCommand({ UserName: 'lp-console' }))).User?.PasswordLastUsed, undefined);
      await iam.send(new CreateLoginProfileCommand({ UserName: 'lp-console', Password: GOOD }));
      assert.equal(await verifyConsolePassword(store, acct, 'lp-console', 'wrong', Date.now()), 'wrong');
      assert.equal(await verifyConsolePassword(store, acct, 'lp-nobody', GOOD, Date.now()), 'wrong');
      const when = Date.UTC(2026, 0, 2, 3, 4, 5);
      assert.equal(await verifyConsolePassword(store, acct, 'lp-console', GOOD, when), 'ok');
      const user = (await iam.send(new GetUserCommand({ UserName: 'lp-console' }))).User!;
      assert.equal(user.PasswordLastUsed?.toISOString(), '2026-01-02T03:04:05.000Z');
      const listed = (await iam.send(new ListUsersCommand({ MaxItems: 1000 }))).Users!;
      assert.equal(listed.find((u) => u.UserName === 'lp-console')?.PasswordLastUsed?.toISOString(), '2026-01-02T03:04:05.000Z');
      assert.equal(listed.find((u) => u.UserName === 'lp-alice')?.PasswordLastUsed, undefined);
    });

    test('verifyConsolePassword: expiry under MaxPasswordAge, hard or not', async () => {
      await newUser('lp-old');
      await iam.send(new CreateLoginProfileCommand({ UserName: 'lp-old', Password: GOOD }));
      const later = Date.now() + 2 * 24 * 60 * 60 * 1000;
      await setPolicy({ MaxPasswordAge: 1 });
      assert.equal(await verifyConsolePassword(store, acct, 'lp-old', GOOD, later), 'reset-required');
      await setPolicy({ MaxPasswordAge: 1, HardExpiry: true });
      assert.equal(await verifyConsolePassword(store, acct, 'lp-old', GOOD, later), 'expired');
      assert.equal(await verifyConsolePassword(store, acct, 'lp-old', GOOD, Date.now()), 'ok');
      await clearPolicy();
      const userId = (await iam.send(new GetUserCommand({ UserName: 'lp-old' }))).User!.UserId!;
      assert.ok((await loginProfiles.get(store, acct, userId))?.value.passwordLastUsed);
    });

    test('CloudTrail shows every password as HIDDEN_DUE_TO_SECURITY_REASONS', async () => {
      await server.keysmith.app.audit.flush?.();
      const events = async (name: string) => {
        const response = await sendLookupEvents(server.url, server.admin, {
          LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: name }],
          MaxResults: 50,
        });
        assert.equal(response.status, 200, response.text);
        return (JSON.parse(response.text).Events as { CloudTrailEvent: string }[]).map((e) => JSON.parse(e.CloudTrailEvent));
      };
      const created = await events('CreateLoginProfile');
      assert.ok(created.length > 0);
      for (const e of created) {
        if (e.requestParameters?.password !== undefined || e.requestParameters?.Password !== undefined) {
          assert.equal(e.requestParameters.password ?? e.requestParameters.Password, 'HIDDEN_DUE_TO_SECURITY_REASONS');
        }
        assert.ok(!JSON.stringify(e).includes(GOOD));
      }
      assert.ok(created.some((e) => (e.requestParameters?.password ?? e.requestParameters?.Password) === 'HIDDEN_DUE_TO_SECURITY_REASONS'));
      const changed = await events('ChangePassword');
      assert.ok(changed.length > 0);
      for (const e of changed) {
        const text = JSON.stringify(e);
        assert.ok(!text.includes(GOOD) && !text.includes(OTHER_GOOD), text);
      }
    });
  });
});
