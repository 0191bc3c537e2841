import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  type IAMClient,
  ListUsersCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import {
  AssumeRoleCommand,
  DecodeAuthorizationMessageCommand,
  GetAccessKeyInfoCommand,
  GetCallerIdentityCommand,
  GetFederationTokenCommand,
  GetSessionTokenCommand,
} from '@aws-sdk/client-sts';
import type { Principal } from '../../src/model/principal.js';
import type { SessionKind } from '../../src/model/session.js';
import { sessionPrincipal } from '../../src/authn/session-principal.js';
import { base32Decode, hotp, totpStep } from '../../src/services/iam/mfa/totp.js';
import { federationTokenRefusal } from '../../src/services/sts/get-federation-token.js';
import { sessionTokenRefusal } from '../../src/services/sts/get-session-token.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { type Credentials, iamClient, stsClient } from '../support/sdk-clients.js';
import { rejects } from './iam-test-helpers.js';

/**
 * What GetSessionToken and GetFederationToken credentials may call (reference §2.3.9): the rule
 * functions themselves, then the same rules end to end through a real keysmith (those need the
 * pipeline to ask the rule functions; see the report).
 */
const ACCOUNT = '123456789012';
const INVALID_TOKEN = 'The security token included in the request is invalid';

function session(kind: SessionKind, extra: { mfaAuthenticated?: boolean } = {}): Principal {
  const claims = {
    accessKeyId: 'ASIAEXAMPLEEXAMPLE00',
    secretAccessKey: 's',
    accountId: ACCOUNT,
    issuedAt: 0,
    expiresAt: 1,
    originArn: `arn:aws:iam::${ACCOUNT}:user/alice`,
    originUserId: 'AIDAEXAMPLEEXAMPLE000',
    originUserName: 'alice',
    ...extra,
  };
  switch (kind) {
    case 'AssumedRole':
      return sessionPrincipal({ ...claims, kind, roleId: 'AROAEXAMPLEEXAMPLE000', roleName: 'r', rolePath: '/', sessionName: 's' });
    case 'FederatedUser':
      return sessionPrincipal({ ...claims, kind, sessionName: 'fed' });
    case 'SessionToken':
      return sessionPrincipal({ ...claims, kind });
  }
}

const longTerm: Principal = {
  type: 'User',
  accountId: ACCOUNT,
  arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
  userId: 'AIDAEXAMPLEEXAMPLE000',
  userName: 'alice',
  entityId: 'AIDAEXAMPLEEXAMPLE000',
  accessKeyId: 'AKIAEXAMPLEEXAMPLE00',
  temporary: false,
  tags: [],
};

suite('GetSessionToken / GetFederationToken session restrictions', () => {
  suite('the rule functions', () => {
    test('GetSessionToken sessions: IAM only with MFA; STS only AssumeRole and GetCallerIdentity', () => {
      const plain = session('SessionToken');
      const mfa = session('SessionToken', { mfaAuthenticated: true });
      const iamRefusal = sessionTokenRefusal(plain, 'iam:ListUsers');
      assert.equal(iamRefusal?.code, 'InvalidClientTokenId');
      assert.equal(iamRefusal?.message, INVALID_TOKEN);
      assert.equal(sessionTokenRefusal(mfa, 'iam:ListUsers'), undefined);
      for (const p of [plain, mfa]) {
        assert.equal(sessionTokenRefusal(p, 'sts:AssumeRole'), undefined);
        assert.equal(sessionTokenRefusal(p, 'sts:GetCallerIdentity'), undefined);
        assert.equal(sessionTokenRefusal(p, 's3:GetObject'), undefined);
        for (const name of ['GetSessionToken', 'GetFederationToken', 'DecodeAuthorizationMessage', 'GetAccessKeyInfo']) {
          const refusal = sessionTokenRefusal(p, `sts:${name}`);
          assert.equal(refusal?.code, 'AccessDenied');
          assert.equal(refusal?.message, `Cannot call ${name} with session credentials`);
        }
      }
    });

    test('GetFederationToken sessions: no IAM; no STS but GetCallerIdentity (AssumeRole answers for itself)', () => {
      const fed = session('FederatedUser');
      assert.equal(federationTokenRefusal(fed, 'iam:GetUser')?.code, 'InvalidClientTokenId');
      assert.equal(federationTokenRefusal(fed, 'sts:GetCallerIdentity'), undefined);
      assert.equal(federationTokenRefusal(fed, 'sts:AssumeRole'), undefined);
      assert.equal(federationTokenRefusal(fed, 's3:ListBucket'), undefined);
      assert.equal(federationTokenRefusal(fed, 'sts:GetAccessKeyInfo')?.message, 'Cannot call GetAccessKeyInfo with session credentials');
    });

    test('other credentials are left alone by both', () => {
      for (const p of [longTerm, session('AssumedRole')]) {
        for (const action of ['iam:ListUsers', 'sts:DecodeAuthorizationMessage', 'sts:GetSessionToken']) {
          assert.equal(sessionTokenRefusal(p, action), undefined);
          assert.equal(federationTokenRefusal(p, action), undefined);
        }
      }
      assert.equal(sessionTokenRefusal(session('FederatedUser'), 'iam:ListUsers'), undefined);
      assert.equal(federationTokenRefusal(session('SessionToken'), 'iam:ListUsers'), undefined);
    });
  });

  suite('through the server', () => {
    let server: TestServer;
    let iam: IAMClient;
    let user: Credentials;
    let plainSession: Credentials;
    let mfaSession: Credentials;
    let fedSession: Credentials;

    before(async () => {
      server = await startTestServer();
      iam = iamClient(server.url, server.admin);
      await iam.send(new CreateUserCommand({ UserName: 'alice' }));
      await iam.send(
        new PutUserPolicyCommand({
          UserName: 'alice',
          PolicyName: 'all',
          PolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
        }),
      );
      const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!;
      user = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
      await iam.send(
        new CreateRoleCommand({
          RoleName: 'target',
          AssumeRolePolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${server.accountId}:user/alice` }, Action: 'sts:AssumeRole' }],
          }),
        }),
      );
      await iam.send(
        new PutRolePolicyCommand({
          RoleName: 'target',
          PolicyName: 'p',
          PolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ListUsers","Resource":"*"}]}',
        }),
      );
      const device = (await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'alice' }))).VirtualMFADevice!;
      const seed = base32Decode(Buffer.from(device.Base32StringSeed!).toString('ascii'));
      const s = totpStep(Date.now());
      await iam.send(
        new EnableMFADeviceCommand({
          UserName: 'alice',
          SerialNumber: device.SerialNumber!,
          AuthenticationCode1: hotp(seed, s - 1),
          AuthenticationCode2: hotp(seed, s),
        }),
      );
      const sts = stsClient(server.url, user);
      const of = (c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string } | undefined): Credentials => ({
        accessKeyId: c!.AccessKeyId!,
        secretAccessKey: c!.SecretAccessKey!,
        sessionToken: c!.SessionToken!,
      });
      plainSession = of((await sts.send(new GetSessionTokenCommand({}))).Credentials);
      mfaSession = of(
        (await sts.send(new GetSessionTokenCommand({ SerialNumber: device.SerialNumber!, TokenCode: hotp(seed, s + 1) }))).Credentials,
      );
      fedSession = of(
        (
          await sts.send(
            new GetFederationTokenCommand({
              Name: 'fed',
              Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
            }),
          )
        ).Credentials,
      );
    });
    after(async () => {
      await server?.close();
    });

    test('what works without any wiring: GetCallerIdentity for all, AssumeRole from a GetSessionToken session, IAM with MFA', async () => {
      for (const creds of [plainSession, mfaSession, fedSession])
        assert.ok((await stsClient(server.url, creds).send(new GetCallerIdentityCommand({}))).Arn);
      const assumed = await stsClient(server.url, plainSession).send(
        new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${server.accountId}:role/target`, RoleSessionName: 'ses' }),
      );
      assert.ok(assumed.Credentials?.AccessKeyId);
      assert.ok((await iamClient(server.url, mfaSession).send(new ListUsersCommand({}))).Users!.length > 0);
      await rejects(
        stsClient(server.url, fedSession).send(
          new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${server.accountId}:role/target`, RoleSessionName: 'ses' }),
        ),
        'AccessDenied',
        undefined,
        403,
      );
    });

    test('a GetSessionToken session without MFA cannot call IAM', async () => {
      await rejects(iamClient(server.url, plainSession).send(new ListUsersCommand({})), 'InvalidClientTokenId', INVALID_TOKEN, 403);
    });

    test('GetSessionToken sessions cannot call STS beyond AssumeRole and GetCallerIdentity', async () => {
      const sts = stsClient(server.url, mfaSession);
      await rejects(
        sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: user.accessKeyId })),
        'AccessDenied',
        'Cannot call GetAccessKeyInfo with session credentials',
        403,
      );
      await rejects(
        sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: 'x' })),
        'AccessDenied',
        'Cannot call DecodeAuthorizationMessage with session credentials',
        403,
      );
    });

    test('federated sessions cannot call IAM, nor STS but GetCallerIdentity', async () => {
      await rejects(iamClient(server.url, fedSession).send(new ListUsersCommand({})), 'InvalidClientTokenId', INVALID_TOKEN, 403);
      await rejects(
        stsClient(server.url, fedSession).send(new GetAccessKeyInfoCommand({ AccessKeyId: user.accessKeyId })),
        'AccessDenied',
        'Cannot call GetAccessKeyInfo with session credentials',
        403,
      );
    });
  });
});
