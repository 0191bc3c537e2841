import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import {
  CreateOpenIDConnectProviderCommand,
  CreateRoleCommand,
  type IAMClient,
  ListUsersCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { sendLookupEvents } from '../support/clients-signer.js';
import { InProcessHandler } from '../support/in-process-handler.js';
import { signingKey, signToken, TEST_CA_FILE, TEST_CA_THUMBPRINT, TestIssuer } from '../support/oidc-issuer.js';
import { type Credentials, iamClient, stsClient } from '../support/sdk-clients.js';
import { appAt, startTestServer, type TestServer } from '../support/server.js';

/**
 * CloudTrail records of calls made *with* a web-identity session: userIdentity is the AssumedRole
 * session, and its sessionContext carries webIdFederationData — the provider's ARN and (as in
 * AWS's records of such sessions) empty attributes — between sessionIssuer and attributes. A
 * session chained from it keeps the provider; a plain AssumeRole session has none.
 */
let server: TestServer;
let issuer: TestIssuer;
let iam: IAMClient;
let providerArn: string;

const roleArn = (name: string) => `arn:aws:iam::${server.accountId}:role/${name}`;
const credsOf = (c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string }): Credentials => ({
  accessKeyId: c.AccessKeyId!,
  secretAccessKey: c.SecretAccessKey!,
  sessionToken: c.SessionToken!,
});

async function createRole(name: string, trust: object): Promise<void> {
  await iam.send(
    new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [trust] }) }),
  );
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: name,
      PolicyName: 'work',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['iam:ListUsers', 'sts:AssumeRole'], Resource: '*' }],
      }),
    }),
  );
}

/** The userIdentity of the ListUsers event made by the session named `sessionName`. */
async function listUsersIdentity(sessionName: string): Promise<Record<string, any>> {
  await server.keysmith.app.audit.flush?.();
  const response = await sendLookupEvents(server.url, server.admin, {
    LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'ListUsers' }],
  });
  assert.equal(response.status, 200, response.text);
  const events = (JSON.parse(response.text).Events as { CloudTrailEvent: string }[]).map((e) => JSON.parse(e.CloudTrailEvent));
  const event = events.find((e) => String(e.userIdentity?.arn).endsWith(`/${sessionName}`));
  assert.ok(event, response.text);
  return event.userIdentity;
}

suite('CloudTrail: calls made with a web-identity session', () => {
  before(async () => {
    issuer = await TestIssuer.start();
    const key = await signingKey('trail-key');
    issuer.published = [key];
    server = await startTestServer({ KEYSMITH_OIDC_ALLOW_PORTS: 'true', KEYSMITH_FEDERATION_CA_FILE: TEST_CA_FILE });
    iam = iamClient(server.url, server.admin);
    providerArn = (
      await iam.send(
        new CreateOpenIDConnectProviderCommand({
          Url: issuer.url('/trail'),
          ClientIDList: ['sts.amazonaws.com'],
          ThumbprintList: [TEST_CA_THUMBPRINT],
        }),
      )
    ).OpenIDConnectProviderArn!;
    await createRole('federated', { Effect: 'Allow', Principal: { Federated: providerArn }, Action: 'sts:AssumeRoleWithWebIdentity' });
    await createRole('chained', { Effect: 'Allow', Principal: { AWS: roleArn('federated') }, Action: 'sts:AssumeRole' });
    await createRole('plain', { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${server.accountId}:root` }, Action: 'sts:AssumeRole' });

    const app = appAt(server.url);
    const unsigned = new STSClient({
      endpoint: server.url,
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' },
      ...(app && process.env.KEYSMITH_TEST_SDK_OVER_HTTP !== '1' ? { requestHandler: new InProcessHandler(app) } : {}),
    });
    const token = await signToken(key, { iss: issuer.url('/trail'), aud: 'sts.amazonaws.com', sub: 'system:serviceaccount:ns:app' });
    const federated = credsOf(
      (
        await unsigned.send(
          new AssumeRoleWithWebIdentityCommand({ RoleArn: roleArn('federated'), RoleSessionName: 'wi-session', WebIdentityToken: token }),
        )
      ).Credentials!,
    );
    unsigned.destroy();
    await iamClient(server.url, federated).send(new ListUsersCommand({}));
    const chained = credsOf(
      (await stsClient(server.url, federated).send(new AssumeRoleCommand({ RoleArn: roleArn('chained'), RoleSessionName: 'hop-session' })))
        .Credentials!,
    );
    await iamClient(server.url, chained).send(new ListUsersCommand({}));
    const plain = credsOf(
      (
        await stsClient(server.url, server.admin).send(
          new AssumeRoleCommand({ RoleArn: roleArn('plain'), RoleSessionName: 'plain-session' }),
        )
      ).Credentials!,
    );
    await iamClient(server.url, plain).send(new ListUsersCommand({}));
  });

  after(async () => {
    iam?.destroy();
    await server?.close();
    await issuer?.close();
  });

  test('the web-identity session: webIdFederationData with the provider, in AWS’s place', async () => {
    const identity = await listUsersIdentity('wi-session');
    assert.equal(identity.type, 'AssumedRole');
    assert.equal(identity.arn, `arn:aws:sts::${server.accountId}:assumed-role/federated/wi-session`);
    assert.deepEqual(Object.keys(identity.sessionContext), ['sessionIssuer', 'webIdFederationData', 'attributes']);
    assert.equal(identity.sessionContext.sessionIssuer.arn, roleArn('federated'));
    assert.deepEqual(identity.sessionContext.webIdFederationData, { federatedProvider: providerArn, attributes: {} });
    assert.equal(identity.sessionContext.attributes.mfaAuthenticated, 'false');
  });

  test('a session chained from it keeps the provider; a plain AssumeRole session has none', async () => {
    const hop = await listUsersIdentity('hop-session');
    assert.equal(hop.sessionContext.sessionIssuer.arn, roleArn('chained'));
    assert.deepEqual(hop.sessionContext.webIdFederationData, { federatedProvider: providerArn, attributes: {} });
    const plain = await listUsersIdentity('plain-session');
    assert.equal(plain.sessionContext.webIdFederationData, undefined);
    assert.deepEqual(Object.keys(plain.sessionContext), ['sessionIssuer', 'attributes']);
  });
});
