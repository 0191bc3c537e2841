import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  type IAMClient,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { DecodeAuthorizationMessageCommand, GetAccessKeyInfoCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { newId } from '../../src/model/unique-ids.js';
import type { Principal } from '../../src/model/principal.js';
import type { AccessDeniedError } from '../../src/authz/access-denied.js';
import { nodeSigV4Crypto } from '../../src/platform/node-sigv4-crypto.js';
import { signRequest } from '../../src/sigv4/index.js';
import {
  buildAuthorizationMessage,
  encodeAuthorizationMessage,
  MAX_ENCODED_LENGTH,
  openAuthorizationMessage,
  sealAuthorizationMessage,
} from '../../src/services/sts/shared/authorization-message.js';
import { sealSessionToken } from '../../src/tokens/session-token.js';
import { TokenKeyRing } from '../../src/tokens/key-ring.js';
import { createAccount } from '../../src/services/accounts/create-account.js';
import { nodeRandom } from '../../src/platform/node-random.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { type Credentials, iamClient, stsClient } from '../support/sdk-clients.js';
import { allowDoc, rejects } from './iam-test-helpers.js';

/**
 * STS GetAccessKeyInfo (the account from the key id alone) and DecodeAuthorizationMessage with
 * keysmith's sealed authorization messages, through AWS SDK v3 against a real keysmith.
 */
let server: TestServer;
let iam: IAMClient;
let acct: string;
const INVALID = 'The encoded authorization message is invalid or has expired.';

async function newUser(name: string, policy: string): Promise<{ creds: Credentials; principal: Principal }> {
  const user = (await iam.send(new CreateUserCommand({ UserName: name }))).User!;
  await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: policy }));
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
  return {
    creds: { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! },
    principal: {
      type: 'User',
      accountId: acct,
      arn: user.Arn!,
      userId: user.UserId!,
      userName: name,
      entityId: user.UserId!,
      accessKeyId: key.AccessKeyId!,
      temporary: false,
      tags: [],
    },
  };
}

/** A denial as the pipeline would see it: the authorizer's traced decision, encoded. */
async function deniedMessage(principal: Principal, action: string, resource: string): Promise<string> {
  const app = server.keysmith.app;
  const facts = { sourceIp: '127.0.0.1', userAgent: 'test', secureTransport: false, region: 'us-east-1', now: Date.now() };
  const refused: unknown = await app.authorizer.authorize(principal, action, resource, facts).then(
    () => undefined,
    (error: unknown) => error,
  );
  const decision = (refused as AccessDeniedError).denial.decision;
  assert.notEqual(decision.decision, 'allowed');
  return encodeAuthorizationMessage(
    decision,
    principal,
    action,
    resource,
    { 'aws:SourceIp': '127.0.0.1', 'aws:TagKeys': ['a', 'b'] },
    app.tokenKeys,
  );
}

suite('STS GetAccessKeyInfo and DecodeAuthorizationMessage (SDK v3)', () => {
  let reader: { creds: Credentials; principal: Principal };

  before(async () => {
    server = await startTestServer();
    acct = server.accountId;
    iam = iamClient(server.url, server.admin);
    reader = await newUser('reader', allowDoc(['sts:GetAccessKeyInfo', 'sts:DecodeAuthorizationMessage', 'iam:GetUser']));
  });
  after(async () => {
    await server?.close();
  });

  suite('GetAccessKeyInfo', () => {
    test('answers the account from the key id alone: live, deleted, temporary, never seen', async () => {
      const sts = stsClient(server.url, reader.creds);
      assert.equal((await sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: reader.creds.accessKeyId }))).Account, acct);
      const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'reader' }))).AccessKey!;
      await iam.send(new DeleteAccessKeyCommand({ UserName: 'reader', AccessKeyId: key.AccessKeyId! }));
      assert.equal((await sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: key.AccessKeyId! }))).Account, acct);
      const temp = (await sts.send(new GetSessionTokenCommand({}))).Credentials!.AccessKeyId!;
      assert.equal((await sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: temp }))).Account, acct);
      const foreign = newId('AKIA', '987654321098', nodeRandom);
      assert.equal((await sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: foreign }))).Account, '987654321098');
      assert.equal((await sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: 'AKIAQAAAAAAAAAAAAAAA' }))).Account, '000000000000');
      // The operator-chosen admin key does not encode an account; keysmith answers from the store.
      assert.equal((await sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: server.admin.accessKeyId }))).Account, acct);
    });

    test('needs sts:GetAccessKeyInfo; validates the id', async () => {
      const nobody = await newUser('no-key-info', allowDoc('iam:GetUser'));
      await rejects(
        stsClient(server.url, nobody.creds).send(new GetAccessKeyInfoCommand({ AccessKeyId: reader.creds.accessKeyId })),
        'AccessDenied',
        /^User: arn:aws:iam::\d{12}:user\/no-key-info is not authorized to perform: sts:GetAccessKeyInfo on resource: \*/,
        403,
      );
      const sts = stsClient(server.url, reader.creds);
      await rejects(
        sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: 'AKIASHORT' })),
        'ValidationError',
        "1 validation error detected: Value 'AKIASHORT' at 'accessKeyId' failed to satisfy constraint: Member must have length greater than or equal to 16",
        400,
      );
      await rejects(
        sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: 'AKIA-not-a-key-id!!' })),
        'ValidationError',
        /Member must satisfy regular expression pattern: \[\\w\]\*/,
        400,
      );
      await rejects(
        sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: 'AKIA0000000000000000' })),
        'InvalidParameterValue',
        undefined,
        400,
      );
    });
  });

  suite('authorization messages', () => {
    test("a denial decodes to AWS's JSON shape plus keysmith's layer, reason and missing keys", async () => {
      const denied = await newUser(
        'denied',
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'NeedsTag',
              Effect: 'Allow',
              Action: 'iam:ListUsers',
              Resource: '*',
              Condition: { StringEquals: { 'aws:PrincipalTag/team': 'blue' } },
            },
            { Sid: 'NoDelete', Effect: 'Deny', Action: 'iam:DeleteUser', Resource: '*' },
          ],
        }),
      );
      const sts = stsClient(server.url, reader.creds);

      const implicit = await deniedMessage(denied.principal, 'iam:ListUsers', `arn:aws:iam::${acct}:user/`);
      assert.ok(implicit.length <= MAX_ENCODED_LENGTH);
      assert.match(implicit, /^[A-Za-z0-9_-]+$/);
      const decoded = JSON.parse((await sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: implicit }))).DecodedMessage!);
      assert.equal(decoded.allowed, false);
      assert.equal(decoded.explicitDeny, false);
      assert.deepEqual(decoded.matchedStatements, { items: [] });
      assert.deepEqual(decoded.context.principal, { id: denied.principal.userId, name: 'denied', arn: denied.principal.arn });
      assert.equal(decoded.context.action, 'iam:ListUsers');
      assert.equal(decoded.context.resource, `arn:aws:iam::${acct}:user/`);
      assert.deepEqual(decoded.context.conditions.items, [
        { key: 'aws:SourceIp', values: { items: [{ value: '127.0.0.1' }] } },
        { key: 'aws:TagKeys', values: { items: [{ value: 'a' }, { value: 'b' }] } },
      ]);
      assert.equal(decoded.layer, 'identity');
      assert.equal(decoded.reason, 'because no identity-based policy allows the iam:ListUsers action');
      assert.deepEqual(decoded.missingContextKeys, ['aws:PrincipalTag/team']);
      assert.ok(
        decoded.failures.items.some(
          (f: { statementId: string; outcome: string }) => f.statementId === 'NeedsTag' && f.outcome === 'condition',
        ),
      );

      const explicit = await deniedMessage(denied.principal, 'iam:DeleteUser', `arn:aws:iam::${acct}:user/x`);
      const decodedDeny = JSON.parse((await sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: explicit }))).DecodedMessage!);
      assert.equal(decodedDeny.explicitDeny, true);
      assert.equal(decodedDeny.layer, 'identity');
      assert.equal(decodedDeny.reason, 'with an explicit deny in an identity-based policy');
      const [statement] = decodedDeny.matchedStatements.items;
      assert.equal(statement.statementId, 'NoDelete');
      assert.equal(statement.effect, 'DENY');
      assert.equal(statement.policyId, 'p');
      assert.deepEqual(statement.actions, { items: [{ value: 'iam:DeleteUser' }] });
    });

    test('needs sts:DecodeAuthorizationMessage; only the account of the denial can read it', async () => {
      const encoded = await deniedMessage(reader.principal, 'iam:DeleteUser', `arn:aws:iam::${acct}:user/x`);
      const nobody = await newUser('no-decode', allowDoc('iam:GetUser'));
      await rejects(
        stsClient(server.url, nobody.creds).send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded })),
        'AccessDenied',
        /is not authorized to perform: sts:DecodeAuthorizationMessage on resource: \*/,
        403,
      );
      const other = await createAccount(server.keysmith.app.store, server.keysmith.app.secrets, nodeRandom, {
        accountId: '210987654321',
        now: Date.now(),
      });
      server.keysmith.app.invalidateCaches();
      await rejects(
        stsClient(server.url, other.admin).send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded })),
        'InvalidAuthorizationMessageException',
        INVALID,
        400,
      );
    });

    test('anything but an intact message of this server is InvalidAuthorizationMessageException', async () => {
      const sts = stsClient(server.url, reader.creds);
      const encoded = await deniedMessage(reader.principal, 'iam:DeleteUser', `arn:aws:iam::${acct}:user/x`);
      const flipped = Buffer.from(encoded, 'base64url');
      flipped[flipped.length - 20]! ^= 1;
      const app = server.keysmith.app;
      const sessionToken = sealSessionToken(
        {
          accessKeyId: 'ASIAX',
          secretAccessKey: 's',
          kind: 'SessionToken',
          accountId: acct,
          issuedAt: 0,
          expiresAt: 1,
          originArn: `arn:aws:iam::${acct}:root`,
          originUserId: acct,
        },
        app.tokenKeys.current,
      );
      const foreignRing = new TokenKeyRing([TokenKeyRing.newKey(Date.now())]);
      const foreign = sealAuthorizationMessage(
        buildAuthorizationMessage(
          { decision: 'implicitDeny', layer: 'identity', reason: '', crossAccount: false, matched: [] },
          reader.principal,
          'a:b',
          '*',
          {},
        ),
        acct,
        foreignRing,
      );
      for (const bad of [
        'x',
        'not base64 at all!',
        flipped.toString('base64url'),
        encoded.slice(0, -4),
        `${encoded}AAAA`,
        sessionToken,
        foreign,
      ]) {
        await rejects(
          sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: bad })),
          'InvalidAuthorizationMessageException',
          INVALID,
          400,
        );
      }
      await rejects(
        sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: 'x'.repeat(10241) })),
        'ValidationError',
        /at 'encodedMessage' failed to satisfy constraint: Member must have length less than or equal to 10240/,
        400,
      );
      // …and a message still opens after the key ring gained a newer key.
      assert.equal(openAuthorizationMessage(encoded, app.tokenKeys.current).accountId, acct);
    });

    test('huge contexts are shortened to fit the 10,240-character limit', () => {
      const ring = new TokenKeyRing([TokenKeyRing.newKey(Date.now())]);
      const context: Record<string, string> = {};
      for (let i = 0; i < 2000; i++) context[`aws:RequestTag/k${i}`] = nodeRandom.bytes(24).toString();
      const message = buildAuthorizationMessage(
        { decision: 'implicitDeny', layer: 'identity', reason: 'r', crossAccount: false, matched: [] },
        reader.principal,
        'iam:TagUser',
        '*',
        context,
      );
      const sealed = sealAuthorizationMessage(message, acct, ring);
      assert.ok(sealed.length <= MAX_ENCODED_LENGTH, String(sealed.length));
      const opened = openAuthorizationMessage(sealed, ring).message;
      assert.equal(opened.truncated, true);
      assert.ok(opened.context.conditions.items.length < 2000);
    });

    test('every AccessDenied carries the message in x-keysmith-authorization-message', async () => {
      const denied = await newUser('header-check', allowDoc('iam:GetUser'));
      const url = new URL(server.url);
      const body = Buffer.from('Action=ListUsers&Version=2010-05-08');
      const signed = signRequest(
        {
          method: 'POST',
          rawPath: '/',
          rawQuery: '',
          headers: { host: [url.host], 'content-type': ['application/x-www-form-urlencoded'] },
          body,
        },
        { credentials: denied.creds, region: 'us-east-1', service: 'iam', nowMs: Date.now(), crypto: nodeSigV4Crypto },
      );
      const headers = Object.fromEntries(
        Object.entries(signed.request.headers)
          .filter(([k]) => k !== 'host')
          .map(([k, v]) => [k, v.join(',')]),
      );
      const response = await fetch(server.url, { method: 'POST', headers, body });
      assert.equal(response.status, 403);
      const text = await response.text();
      assert.match(text, /<Code>AccessDenied<\/Code>/);
      const encoded = response.headers.get('x-keysmith-authorization-message');
      assert.ok(encoded, 'the header is present');
      const decoded = JSON.parse(
        (await stsClient(server.url, reader.creds).send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded })))
          .DecodedMessage!,
      );
      assert.equal(decoded.context.action, 'iam:ListUsers');
      assert.equal(decoded.context.principal.arn, denied.principal.arn);
    });
  });
});
