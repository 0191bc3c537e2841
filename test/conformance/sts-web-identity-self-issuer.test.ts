import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  CreateOpenIDConnectProviderCommand,
  CreateRoleCommand,
  EnableOutboundWebIdentityFederationCommand,
  GetOutboundWebIdentityFederationInfoCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, GetWebIdentityTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { FEDERATION_FIXTURES, TEST_CA_FILE, TEST_CA_THUMBPRINT } from '../support/oidc-issuer.js';
import { iamClient, stsClient } from '../support/sdk-clients.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { allow, createUser, expectAwsError, policyDoc, type TestUser } from '../support/sts-helpers.js';

/**
 * keysmith trusting its own outbound issuer (issue 12, item 3: "usable … including for its own
 * AssumeRoleWithWebIdentity"), end to end with SDK v3. keysmith listens on plain HTTP while
 * AssumeRoleWithWebIdentity fetches issuers over HTTPS only, so — as docs/federation.md tells
 * users — a TLS front (here node:https with the test CA's server certificate for 127.0.0.1)
 * proxies to keysmith, KEYSMITH_ISSUER_URL names the front, and KEYSMITH_FEDERATION_CA_FILE
 * trusts the CA. The provider is registered with the CA's SHA-1, as AWS's rule for issuers whose
 * chain ends in a privately trusted root requires.
 */
const AUDIENCE = 'https://ci.example.com';
const DENIED = 'Not authorized to perform sts:AssumeRoleWithWebIdentity';

let front: Server;
let frontOrigin: string;
let server: TestServer;
let iam: IAMClient;
let unsigned: STSClient;
let userSts: STSClient;
let user: TestUser;
let issuer: string;
let providerArn: string;
const proxied: string[] = [];

/** The TLS front: every request piped to keysmith's HTTP listener, the answer piped back. */
async function startFront(): Promise<void> {
  front = createServer({
    key: readFileSync(join(FEDERATION_FIXTURES, 'oidc-server.key')),
    cert: readFileSync(join(FEDERATION_FIXTURES, 'oidc-server.pem')),
  });
  front.on('request', (req, res) => {
    proxied.push(`${req.method} ${req.url}`);
    const upstream = httpRequest(
      new URL(req.url ?? '/', server.url),
      { method: req.method, headers: { ...req.headers, 'x-forwarded-proto': 'https' } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.statusCode = 502;
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  frontOrigin = `https://127.0.0.1:${(front.address() as AddressInfo).port}`;
}

function assumeWith(token: string, roleName: string) {
  return unsigned.send(
    new AssumeRoleWithWebIdentityCommand({
      RoleArn: `arn:aws:iam::${server.accountId}:role/${roleName}`,
      RoleSessionName: 'self-issued',
      WebIdentityToken: token,
    }),
  );
}

async function tokenFor(audience: string): Promise<string> {
  const out = await userSts.send(new GetWebIdentityTokenCommand({ Audience: [audience], SigningAlgorithm: 'RS256' }));
  return out.WebIdentityToken!;
}

suite('keysmith trusts its own issuer: GetWebIdentityToken → AssumeRoleWithWebIdentity (SDK v3, TLS front with a test CA)', () => {
  before(async () => {
    await startFront();
    server = await startTestServer({
      KEYSMITH_ISSUER_URL: frontOrigin,
      KEYSMITH_FEDERATION_CA_FILE: TEST_CA_FILE,
      KEYSMITH_OIDC_ALLOW_PORTS: 'true',
    });
    iam = iamClient(server.url, server.admin);
    // No signature needed: the dummy credentials only satisfy the SDK, as in sts-web-identity.test.ts.
    unsigned = new STSClient({
      endpoint: server.url,
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' },
    });
    user = await createUser(iam, 'ci-user', policyDoc(allow('sts:GetWebIdentityToken')));
    userSts = stsClient(server.url, user.creds);
  });
  after(async () => {
    iam?.destroy();
    unsigned?.destroy();
    userSts?.destroy();
    await server?.close();
    front?.closeAllConnections();
    await new Promise<void>((resolve) => (front ? front.close(() => resolve()) : resolve()));
  });

  test('enable, register the issuer as an OIDC provider with the CA thumbprint, trust it in a role', async () => {
    const enabled = await iam.send(new EnableOutboundWebIdentityFederationCommand({}));
    issuer = (await iam.send(new GetOutboundWebIdentityFederationInfoCommand({}))).IssuerIdentifier!;
    assert.equal(issuer, enabled.IssuerIdentifier);
    assert.match(issuer, new RegExp(`^${frontOrigin}/_keysmith/issuer/[0-9a-f-]{36}$`));

    const caThumbprint = new X509Certificate(readFileSync(TEST_CA_FILE)).fingerprint.replace(/:/g, '').toLowerCase();
    assert.equal(caThumbprint, TEST_CA_THUMBPRINT);
    providerArn = (
      await iam.send(new CreateOpenIDConnectProviderCommand({ Url: issuer, ClientIDList: [AUDIENCE], ThumbprintList: [caThumbprint] }))
    ).OpenIDConnectProviderArn!;
    const providerName = issuer.slice('https://'.length);
    assert.equal(providerArn, `arn:aws:iam::${server.accountId}:oidc-provider/${providerName}`);

    const trust = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: providerArn },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { [`${providerName}:aud`]: AUDIENCE, [`${providerName}:sub`]: user.arn } },
        },
      ],
    };
    await iam.send(new CreateRoleCommand({ RoleName: 'self-trusting', AssumeRolePolicyDocument: JSON.stringify(trust) }));
  });

  test("a user's keysmith-signed token buys a session of the role; keysmith fetched its own keys through the front", async () => {
    const before = proxied.length;
    const out = await assumeWith(await tokenFor(AUDIENCE), 'self-trusting');
    const roleSession = `arn:aws:sts::${server.accountId}:assumed-role/self-trusting/self-issued`;
    assert.equal(out.AssumedRoleUser?.Arn, roleSession);
    assert.equal(out.SubjectFromWebIdentityToken, user.arn);
    assert.equal(out.Audience, AUDIENCE);
    assert.equal(out.Provider, providerArn);

    const path = new URL(issuer).pathname;
    assert.deepEqual(proxied.slice(before), [`GET ${path}/.well-known/openid-configuration`, `GET ${path}/.well-known/jwks.json`]);

    const session = stsClient(server.url, {
      accessKeyId: out.Credentials!.AccessKeyId!,
      secretAccessKey: out.Credentials!.SecretAccessKey!,
      sessionToken: out.Credentials!.SessionToken!,
    });
    try {
      assert.equal((await session.send(new GetCallerIdentityCommand({}))).Arn, roleSession);
    } finally {
      session.destroy();
    }
  });

  test('an ES384 token from the same issuer is accepted too', async () => {
    const out = await userSts.send(new GetWebIdentityTokenCommand({ Audience: [AUDIENCE], SigningAlgorithm: 'ES384' }));
    const assumed = await assumeWith(out.WebIdentityToken!, 'self-trusting');
    assert.equal(assumed.SubjectFromWebIdentityToken, user.arn);
  });

  test('refusals: a token for another audience, and a subject the trust policy does not name', async () => {
    await expectAwsError(
      assumeWith(await tokenFor('https://other.example.com'), 'self-trusting'),
      'InvalidIdentityToken',
      'Incorrect token audience',
      400,
    );

    const other = await createUser(iam, 'other-user', policyDoc(allow('sts:GetWebIdentityToken')));
    const otherSts = stsClient(server.url, other.creds);
    try {
      const token = (await otherSts.send(new GetWebIdentityTokenCommand({ Audience: [AUDIENCE], SigningAlgorithm: 'RS256' })))
        .WebIdentityToken!;
      await expectAwsError(assumeWith(token, 'self-trusting'), 'AccessDenied', DENIED, 403);
    } finally {
      otherSts.destroy();
    }
  });
});
