import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DisableOutboundWebIdentityFederationCommand,
  EnableOutboundWebIdentityFederationCommand,
  type IAMClient,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRootCommand, GetDelegatedAccessTokenCommand, GetWebIdentityTokenCommand, type STSClient } from '@aws-sdk/client-sts';
import type { TestServer } from '../support/server.js';
import { iamClient, stsClient } from '../support/sdk-clients.js';
import { allowDoc, rejects, startIamTestServer } from './iam-test-helpers.js';

/**
 * The three newer STS actions through the SDK v3: AssumeRoot (no organization, so refused),
 * GetWebIdentityToken (refused until the account enables outbound federation, then a signed JWT),
 * GetDelegatedAccessToken (no trade-in token was ever sent, so every token has expired).
 */
let server: TestServer;
let iam: IAMClient;
let acct: string;
let user: { sts: STSClient; arn: string };

const DISABLED =
  'The outbound web identity federation feature is not enabled for this account. To use this feature, you must first enable it through the AWS Management Console or API.';

suite('STS AssumeRoot, GetWebIdentityToken, GetDelegatedAccessToken (SDK v3)', () => {
  before(async () => {
    server = await startIamTestServer();
    iam = iamClient(server.url, server.admin);
    acct = server.accountId;
    await iam.send(new CreateUserCommand({ UserName: 'sts-user' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'sts-user',
        PolicyName: 'p',
        PolicyDocument: allowDoc(['sts:GetWebIdentityToken', 'sts:GetDelegatedAccessToken', 'sts:AssumeRoot']),
      }),
    );
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'sts-user' }));
    user = {
      sts: stsClient(server.url, { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! }),
      arn: `arn:aws:iam::${acct}:user/sts-user`,
    };
  });
  after(async () => {
    iam?.destroy();
    user?.sts.destroy();
    await server?.close();
  });

  test('AssumeRoot: validated, authorized on the target root, refused without an organization', async () => {
    const input = {
      TargetPrincipal: '111122223333',
      TaskPolicyArn: { arn: 'arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials' },
    };
    await rejects(
      user.sts.send(new AssumeRootCommand(input)),
      'AccessDenied',
      /not the management account or a delegated administrator/,
      403,
    );
    await rejects(
      user.sts.send(new AssumeRootCommand({ ...input, DurationSeconds: 901 })),
      'ValidationError',
      "1 validation error detected: Value '901' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 900",
      400,
    );
    const root = stsClient(server.url, server.root);
    await rejects(root.send(new AssumeRootCommand(input)), 'AccessDenied', 'Root users cannot call AssumeRoot.', 403);
    root.destroy();
  });

  test('GetWebIdentityToken: refused until outbound federation is enabled; a session cannot outlive itself', async () => {
    const input = { Audience: ['https://api.example.com'], SigningAlgorithm: 'RS256' };
    await rejects(user.sts.send(new GetWebIdentityTokenCommand(input)), 'OutboundWebIdentityFederationDisabledException', DISABLED, 403);
    await rejects(
      user.sts.send(new GetWebIdentityTokenCommand({ ...input, SigningAlgorithm: 'HS256' })),
      'ValidationError',
      'Unsupported signing algorithm HS256. Supported algorithms: RS256, ES384.',
      400,
    );
    await rejects(
      user.sts.send(new GetWebIdentityTokenCommand({ ...input, Audience: Array.from({ length: 11 }, (_, i) => `aud-${i}`) })),
      'ValidationError',
      "1 validation error detected: Value at 'audience' failed to satisfy constraint: Member must have length less than or equal to 10",
      400,
    );
    await iam.send(new EnableOutboundWebIdentityFederationCommand({}));
    // Enabled: a signed JWT (its claims and keys: sts-web-identity-issuer.test.ts).
    const { WebIdentityToken } = await user.sts.send(new GetWebIdentityTokenCommand(input));
    assert.match(WebIdentityToken!, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    await iam.send(new DisableOutboundWebIdentityFederationCommand({}));
    await rejects(user.sts.send(new GetWebIdentityTokenCommand(input)), 'OutboundWebIdentityFederationDisabledException', DISABLED, 403);
  });

  test('GetDelegatedAccessToken: every trade-in token has expired', async () => {
    await rejects(
      user.sts.send(new GetDelegatedAccessTokenCommand({ TradeInToken: 'a-token-keysmith-never-issued' })),
      'ExpiredTradeInTokenException',
      'The trade-in token provided in the request has expired and can no longer be exchanged for credentials. Request a new token and retry the operation.',
      400,
    );
  });

  test('authorization: a user without the permission is denied', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'sts-nobody' }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'sts-nobody' }));
    const sts = stsClient(server.url, { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
    const who = `arn:aws:iam::${acct}:user/sts-nobody`;
    await rejects(
      sts.send(new GetWebIdentityTokenCommand({ Audience: ['a'], SigningAlgorithm: 'RS256' })),
      'AccessDenied',
      new RegExp(`^User: ${who} is not authorized to perform: sts:GetWebIdentityToken on resource: \\*`),
      403,
    );
    await rejects(
      sts.send(
        new AssumeRootCommand({
          TargetPrincipal: '111122223333',
          TaskPolicyArn: { arn: 'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials' },
        }),
      ),
      'AccessDenied',
      new RegExp(`^User: ${who} is not authorized to perform: sts:AssumeRoot on resource: arn:aws:iam::111122223333:root`),
      403,
    );
    await rejects(
      sts.send(new GetDelegatedAccessTokenCommand({ TradeInToken: 'x' })),
      'AccessDenied',
      new RegExp(`^User: ${who} is not authorized to perform: sts:GetDelegatedAccessToken on resource: \\*`),
      403,
    );
    sts.destroy();
    assert.ok(user.arn);
  });
});
