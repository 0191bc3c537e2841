import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DisableOutboundWebIdentityFederationCommand,
  EnableOutboundWebIdentityFederationCommand,
  GetOutboundWebIdentityFederationInfoCommand,
  type IAMClient,
  PutUserPolicyCommand,
  SetSecurityTokenServicePreferencesCommand,
} from '@aws-sdk/client-iam';
import type { TestServer } from '../support/server.js';
import { iamClient } from '../support/sdk-clients.js';
import { allowDoc, rejects, startIamTestServer } from './iam-test-helpers.js';
import { accountSettings } from '../../src/services/iam/account-settings/settings-records.js';
import { appAt } from '../support/server.js';

/**
 * Account-wide settings through the AWS SDK v3 against a real keysmith: the STS token version
 * (stored for GetAccountSummary), outbound web identity federation's enable / disable / info
 * cycle with AWS's FeatureEnabled / FeatureDisabled errors, and their authorization.
 */
let server: TestServer;
let iam: IAMClient;
let acct: string;

async function userClient(name: string, actions: string[]): Promise<IAMClient> {
  await iam.send(new CreateUserCommand({ UserName: name }));
  if (actions.length > 0) await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: allowDoc(actions) }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
  return iamClient(server.url, { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
}

suite('IAM account settings (SDK v3)', () => {
  before(async () => {
    server = await startIamTestServer();
    iam = iamClient(server.url, server.admin);
    acct = server.accountId;
  });
  after(async () => {
    iam?.destroy();
    await server?.close();
  });

  test('SetSecurityTokenServicePreferences stores the version GetAccountSummary reports', async () => {
    await iam.send(new SetSecurityTokenServicePreferencesCommand({ GlobalEndpointTokenVersion: 'v2Token' }));
    const store = appAt(server.url)!.store;
    assert.deepEqual((await accountSettings.get(store, acct, 'sts'))?.value, { globalEndpointTokenVersion: 2 });
    await iam.send(new SetSecurityTokenServicePreferencesCommand({ GlobalEndpointTokenVersion: 'v1Token' }));
    assert.deepEqual((await accountSettings.get(store, acct, 'sts'))?.value, { globalEndpointTokenVersion: 1 });
    await rejects(
      iam.send(new SetSecurityTokenServicePreferencesCommand({ GlobalEndpointTokenVersion: 'v3Token' as 'v1Token' })),
      'ValidationError',
      "1 validation error detected: Value at 'globalEndpointTokenVersion' failed to satisfy constraint: Member must satisfy enum value set: [v1Token, v2Token]",
      400,
    );
  });

  test('outbound web identity federation: disabled, enabled once, disabled once, the issuer kept', async () => {
    const disabledText = 'Outbound identity federation is not enabled for your AWS account.';
    await rejects(iam.send(new GetOutboundWebIdentityFederationInfoCommand({})), 'FeatureDisabled', disabledText, 404);
    await rejects(
      iam.send(new DisableOutboundWebIdentityFederationCommand({})),
      'FeatureDisabled',
      'The request failed because outbound identity federation is already disabled for your AWS account. You cannot disable the feature multiple times.',
      404,
    );
    const { IssuerIdentifier } = await iam.send(new EnableOutboundWebIdentityFederationCommand({}));
    assert.match(
      IssuerIdentifier!,
      /^https:\/\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\.tokens\.sts\.global\.api\.aws$/,
    );
    await rejects(
      iam.send(new EnableOutboundWebIdentityFederationCommand({})),
      'FeatureEnabled',
      /^The request failed because outbound identity federation is already enabled for your AWS account\. You cannot enable the feature multiple times\./,
      409,
    );
    let info = await iam.send(new GetOutboundWebIdentityFederationInfoCommand({}));
    assert.deepEqual([info.IssuerIdentifier, info.JwtVendingEnabled], [IssuerIdentifier, true]);
    await iam.send(new DisableOutboundWebIdentityFederationCommand({}));
    info = await iam.send(new GetOutboundWebIdentityFederationInfoCommand({}));
    assert.deepEqual([info.IssuerIdentifier, info.JwtVendingEnabled], [IssuerIdentifier, false]);
    const again = await iam.send(new EnableOutboundWebIdentityFederationCommand({}));
    assert.equal(again.IssuerIdentifier, IssuerIdentifier, 'the account keeps its issuer');
    await iam.send(new DisableOutboundWebIdentityFederationCommand({}));
  });

  test('authorization: each action on "*", allowed by policy, denied without it', async () => {
    const denied = await userClient('settings-nobody', []);
    for (const [call, action] of [
      [
        () => denied.send(new SetSecurityTokenServicePreferencesCommand({ GlobalEndpointTokenVersion: 'v1Token' })),
        'SetSecurityTokenServicePreferences',
      ],
      [() => denied.send(new EnableOutboundWebIdentityFederationCommand({})), 'EnableOutboundWebIdentityFederation'],
      [() => denied.send(new DisableOutboundWebIdentityFederationCommand({})), 'DisableOutboundWebIdentityFederation'],
      [() => denied.send(new GetOutboundWebIdentityFederationInfoCommand({})), 'GetOutboundWebIdentityFederationInfo'],
    ] as const) {
      await rejects(
        call(),
        'AccessDenied',
        new RegExp(`^User: arn:aws:iam::${acct}:user/settings-nobody is not authorized to perform: iam:${action} on resource: \\*`),
        403,
      );
    }
    denied.destroy();
    const allowed = await userClient('settings-reader', ['iam:GetOutboundWebIdentityFederationInfo']);
    assert.equal((await allowed.send(new GetOutboundWebIdentityFederationInfoCommand({}))).JwtVendingEnabled, false);
    allowed.destroy();
  });
});
