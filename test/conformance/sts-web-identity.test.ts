import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { CreateOpenIDConnectProviderCommand, CreateRoleCommand, type IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { base64url, type CryptoKey, exportSPKI, importJWK, SignJWT } from 'jose';
import { startTestServer, type TestServer } from '../support/server.js';
import { iamClient, stsClient } from '../support/sdk-clients.js';
import { InProcessHandler } from '../support/in-process-handler.js';
import { appAt } from '../support/server.js';
import { expectAwsError } from '../support/sts-helpers.js';
import { sendLookupEvents } from '../support/clients-signer.js';
import { signingKey, signToken, type SigningKey, TEST_CA_FILE, TEST_CA_THUMBPRINT, TestIssuer } from '../support/oidc-issuer.js';

/**
 * AssumeRoleWithWebIdentity against a real keysmith through SDK v3 (unsigned, as the SDK sends
 * it), with a hand-rolled HTTPS OpenID Connect issuer on 127.0.0.1 that only the test CA
 * (KEYSMITH_FEDERATION_CA_FILE) vouches for. GitHub-Actions-shaped and Kubernetes-service-account-
 * shaped tokens, every refusal with AWS's code (reference §2.3.7, §2.5), the session that results,
 * and the CloudTrail record (§5).
 */
let server: TestServer;
let issuer: TestIssuer;
let iam: IAMClient;
let sts: STSClient;
let key: SigningKey;
let acct: string;

const GH = '/gh';
const K8S = '/k8s';
const NO_KEY =
  "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements";
const DENIED = 'Not authorized to perform sts:AssumeRoleWithWebIdentity';
const providerName = (path: string) => issuer.url(path).slice('https://'.length);
const providerArn = (path: string) => `arn:aws:iam::${acct}:oidc-provider/${providerName(path)}`;
const roleArn = (name: string) => `arn:aws:iam::${acct}:role/${name}`;

function ghClaims(extra: Record<string, unknown> = {}) {
  return {
    iss: issuer.url(GH),
    aud: 'sts.amazonaws.com',
    sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
    repository: 'octo-org/octo-repo',
    ref: 'refs/heads/main',
    actor: 'octocat',
    workflow: 'deploy',
    ...extra,
  };
}

function k8sClaims(extra: Record<string, unknown> = {}) {
  return {
    iss: issuer.url(K8S),
    aud: ['sts.amazonaws.com'],
    sub: 'system:serviceaccount:payments:api',
    'kubernetes.io': { namespace: 'payments', serviceaccount: { name: 'api', uid: '4b2c' } },
    ...extra,
  };
}

async function registerProvider(path: string, thumbprints = [TEST_CA_THUMBPRINT], clientIds = ['sts.amazonaws.com']) {
  await iam.send(new CreateOpenIDConnectProviderCommand({ Url: issuer.url(path), ClientIDList: clientIds, ThumbprintList: thumbprints }));
}

async function createTrustingRole(
  name: string,
  path: string,
  conditions: Record<string, unknown>,
  actions: string[] = ['sts:AssumeRoleWithWebIdentity'],
) {
  const trust = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Federated: providerArn(path) }, Action: actions, Condition: conditions }],
  };
  await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: JSON.stringify(trust) }));
}

function assumeWith(token: string, role: string, more: { DurationSeconds?: number; RoleSessionName?: string } = {}) {
  return sts.send(
    new AssumeRoleWithWebIdentityCommand({
      RoleArn: roleArn(role),
      RoleSessionName: more.RoleSessionName ?? 'ci-run',
      WebIdentityToken: token,
      ...more,
    }),
  );
}

suite('STS AssumeRoleWithWebIdentity (SDK v3, HTTPS issuer with a test CA)', () => {
  before(async () => {
    issuer = await TestIssuer.start();
    key = await signingKey('key-1');
    issuer.published = [key];
    server = await startTestServer({ KEYSMITH_OIDC_ALLOW_PORTS: 'true', KEYSMITH_FEDERATION_CA_FILE: TEST_CA_FILE });
    acct = server.accountId;
    iam = iamClient(server.url, server.admin);
    // No credentials: the SDK sends AssumeRoleWithWebIdentity unsigned.
    const app = appAt(server.url);
    sts = new STSClient({
      endpoint: server.url,
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' },
      ...(app && process.env.KEYSMITH_TEST_SDK_OVER_HTTP !== '1' ? { requestHandler: new InProcessHandler(app) } : {}),
    });
    await registerProvider(GH);
    await registerProvider(K8S);
    await createTrustingRole('gh-deploy', GH, {
      StringEquals: { [`${providerName(GH)}:aud`]: 'sts.amazonaws.com' },
      StringLike: { [`${providerName(GH)}:sub`]: 'repo:octo-org/octo-repo:*' },
    });
    await createTrustingRole('k8s-api', K8S, {
      StringEquals: {
        [`${providerName(K8S)}:sub`]: 'system:serviceaccount:payments:api',
        [`${providerName(K8S)}:aud`]: 'sts.amazonaws.com',
      },
    });
  });
  after(async () => {
    iam?.destroy();
    sts?.destroy();
    await server?.close();
    await issuer?.close();
  });

  test('a GitHub-Actions-shaped token: credentials, the response members, and the session', async () => {
    const out = await assumeWith(await signToken(key, ghClaims()), 'gh-deploy');
    assert.equal(out.SubjectFromWebIdentityToken, 'repo:octo-org/octo-repo:ref:refs/heads/main');
    assert.equal(out.Provider, providerArn(GH));
    assert.equal(out.Audience, 'sts.amazonaws.com');
    assert.equal(out.AssumedRoleUser?.Arn, `arn:aws:sts::${acct}:assumed-role/gh-deploy/ci-run`);
    assert.match(out.AssumedRoleUser?.AssumedRoleId ?? '', /^AROA[A-Z0-9]+:ci-run$/);
    assert.equal(out.PackedPolicySize, undefined);
    assert.equal(out.SourceIdentity, undefined);
    const session = stsClient(server.url, {
      accessKeyId: out.Credentials!.AccessKeyId!,
      secretAccessKey: out.Credentials!.SecretAccessKey!,
      sessionToken: out.Credentials!.SessionToken!,
    });
    try {
      const me = await session.send(new GetCallerIdentityCommand({}));
      assert.equal(me.Arn, out.AssumedRoleUser?.Arn);
    } finally {
      session.destroy();
    }
  });

  test('a Kubernetes-service-account-shaped token (aud as an array)', async () => {
    const out = await assumeWith(await signToken(key, k8sClaims()), 'k8s-api');
    assert.equal(out.SubjectFromWebIdentityToken, 'system:serviceaccount:payments:api');
    assert.equal(out.Provider, providerArn(K8S));
  });

  test('wrong audience: InvalidIdentityToken "Incorrect token audience"', async () => {
    await expectAwsError(
      assumeWith(await signToken(key, ghClaims({ aud: 'someone-else' })), 'gh-deploy'),
      'InvalidIdentityToken',
      'Incorrect token audience',
      400,
    );
  });

  test('wrong subject: the trust condition refuses, AccessDenied', async () => {
    await expectAwsError(
      assumeWith(await signToken(key, ghClaims({ sub: 'repo:evil-org/octo-repo:ref:refs/heads/main' })), 'gh-deploy'),
      'AccessDenied',
      DENIED,
      403,
    );
    // A role that does not exist gets the same answer.
    await expectAwsError(assumeWith(await signToken(key, ghClaims()), 'no-such-role'), 'AccessDenied', DENIED, 403);
  });

  test("expired: ExpiredTokenException with AWS's text", async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectAwsError(
      assumeWith(await signToken(key, ghClaims({ iat: now - 1200, exp: now - 600 })), 'gh-deploy'),
      'ExpiredTokenException',
      /^Token expired: current date\/time \d+ must be before the expiration date\/time\d+$/,
      400,
    );
  });

  test('not yet valid (nbf, iat in the future beyond the skew): InvalidIdentityToken', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectAwsError(
      assumeWith(await signToken(key, ghClaims({ nbf: now + 600 })), 'gh-deploy'),
      'InvalidIdentityToken',
      /not yet valid/,
    );
    await expectAwsError(
      assumeWith(await signToken(key, ghClaims({ iat: now + 600, exp: now + 1200 })), 'gh-deploy'),
      'InvalidIdentityToken',
      /not yet valid/,
    );
  });

  test('signed by another key with the published kid: InvalidIdentityToken', async () => {
    const other = await signingKey('key-1');
    await expectAwsError(assumeWith(await signToken(other, ghClaims()), 'gh-deploy'), 'InvalidIdentityToken', /signature/);
  });

  test('unknown kid: the JWKS is fetched again (rate-limited), so a rotated key works at once', async () => {
    const rotated = await signingKey('key-2', 'ES256');
    const before = issuer.count(`${GH}/keys`);
    // Not yet published: one refetch, still unknown.
    await expectAwsError(assumeWith(await signToken(rotated, ghClaims()), 'gh-deploy'), 'InvalidIdentityToken', NO_KEY);
    assert.equal(issuer.count(`${GH}/keys`), before + 1);
    // A second unknown kid within the interval does not reach the issuer.
    await expectAwsError(assumeWith(await signToken(await signingKey('key-3'), ghClaims()), 'gh-deploy'), 'InvalidIdentityToken', NO_KEY);
    assert.equal(issuer.count(`${GH}/keys`), before + 1);
    // On the Kubernetes issuer (its own rate limit), the rotated key is published, then used at once.
    issuer.published = [key, rotated];
    const k8sBefore = issuer.count(`${K8S}/keys`);
    const out = await assumeWith(await signToken(rotated, k8sClaims()), 'k8s-api');
    assert.equal(out.Provider, providerArn(K8S));
    assert.equal(issuer.count(`${K8S}/keys`), k8sBefore + 1);
    // Cached now (max-age=300): no further fetch.
    await assumeWith(await signToken(rotated, k8sClaims()), 'k8s-api');
    assert.equal(issuer.count(`${K8S}/keys`), k8sBefore + 1);
  });

  test('alg none and HMAC confusion (HS256 keyed with the public key) are refused before any key is used', async () => {
    const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
    const payload = base64url.encode(
      JSON.stringify({ ...ghClaims(), iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 600 }),
    );
    await expectAwsError(
      assumeWith(`${header}.${payload}.`, 'gh-deploy'),
      'InvalidIdentityToken',
      /Unsupported token signing algorithm: none/,
    );
    const publicPem = await exportSPKI((await importJWK(key.publicJwk, 'RS256', { extractable: true })) as CryptoKey);
    const hmac = await new SignJWT(ghClaims())
      .setProtectedHeader({ alg: 'HS256', kid: 'key-1' })
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(publicPem));
    await expectAwsError(assumeWith(hmac, 'gh-deploy'), 'InvalidIdentityToken', /Unsupported token signing algorithm: HS256/);
  });

  test("an issuer not registered in the account: InvalidIdentityToken with AWS's text", async () => {
    await expectAwsError(
      assumeWith(await signToken(key, ghClaims({ iss: issuer.url('/unregistered') })), 'gh-deploy'),
      'InvalidIdentityToken',
      `No OpenIDConnect provider found in your account for ${issuer.url('/unregistered')}`,
    );
  });

  test("a private-CA issuer whose CA is not in the ThumbprintList: AWS's thumbprint error", async () => {
    await registerProvider('/pinned', ['0'.repeat(40)]);
    await createTrustingRole('pinned-role', '/pinned', {});
    await expectAwsError(
      assumeWith(await signToken(key, ghClaims({ iss: issuer.url('/pinned') })), 'pinned-role'),
      'InvalidIdentityToken',
      "OpenIDConnect provider's HTTPS certificate doesn't match configured thumbprint",
    );
  });

  test('issuer down (refused) and issuer silent (5 s bound): IDPCommunicationError', { timeout: 30_000 }, async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const downUrl = `https://127.0.0.1:${port}/down`;
    await iam.send(
      new CreateOpenIDConnectProviderCommand({ Url: downUrl, ClientIDList: ['sts.amazonaws.com'], ThumbprintList: [TEST_CA_THUMBPRINT] }),
    );
    await expectAwsError(
      assumeWith(await signToken(key, ghClaims({ iss: downUrl })), 'gh-deploy'),
      'IDPCommunicationError',
      undefined,
      400,
    );

    await registerProvider('/silent');
    issuer.hang = true;
    try {
      const started = Date.now();
      await expectAwsError(
        assumeWith(await signToken(key, ghClaims({ iss: issuer.url('/silent') })), 'gh-deploy'),
        'IDPCommunicationError',
      );
      const took = Date.now() - started;
      assert.ok(took >= 4500 && took < 10_000, `answered after ${took} ms`);
    } finally {
      issuer.hang = false;
    }
  });

  test('session tags from the token need sts:TagSession in the trust policy', async () => {
    const tagged = ghClaims({
      'https://aws.amazon.com/tags': { principal_tags: { Project: ['Automation'] }, transitive_tag_keys: ['Project'] },
    });
    await expectAwsError(assumeWith(await signToken(key, tagged), 'gh-deploy'), 'AccessDenied', DENIED);
    await createTrustingRole('gh-tagged', GH, { StringEquals: { [`${providerName(GH)}:aud`]: 'sts.amazonaws.com' } }, [
      'sts:AssumeRoleWithWebIdentity',
      'sts:TagSession',
    ]);
    const out = await assumeWith(await signToken(key, tagged), 'gh-tagged');
    assert.ok((out.PackedPolicySize ?? 0) > 0);
  });

  test('chaining from a federated session: the 1 hour cap applies', async () => {
    const first = await assumeWith(await signToken(key, ghClaims()), 'gh-deploy');
    const creds = {
      accessKeyId: first.Credentials!.AccessKeyId!,
      secretAccessKey: first.Credentials!.SecretAccessKey!,
      sessionToken: first.Credentials!.SessionToken!,
    };
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'next-hop',
        MaxSessionDuration: 43200,
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: roleArn('gh-deploy') }, Action: 'sts:AssumeRole' }],
        }),
      }),
    );
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'gh-deploy',
        PolicyName: 'hop',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArn('next-hop') }],
        }),
      }),
    );
    const session = stsClient(server.url, creds);
    try {
      await expectAwsError(
        session.send(new AssumeRoleCommand({ RoleArn: roleArn('next-hop'), RoleSessionName: 'hop', DurationSeconds: 7200 })),
        'ValidationError',
        'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
      );
      const hop = await session.send(
        new AssumeRoleCommand({ RoleArn: roleArn('next-hop'), RoleSessionName: 'hop', DurationSeconds: 3600 }),
      );
      assert.equal(hop.AssumedRoleUser?.Arn, `arn:aws:sts::${acct}:assumed-role/next-hop/hop`);
    } finally {
      session.destroy();
    }
  });

  test('CloudTrail: userIdentity WebIdentityUser with the provider and the subject; no token in the record', async () => {
    const token = await signToken(key, ghClaims());
    await assumeWith(token, 'gh-deploy', { RoleSessionName: 'audited' });
    await server.keysmith.app.audit.flush?.();
    const response = await sendLookupEvents(server.url, server.admin, {
      LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'AssumeRoleWithWebIdentity' }],
    });
    assert.equal(response.status, 200, response.text);
    assert.ok(!response.text.includes(token.split('.')[2]!), 'the token must not be in the record');
    const events = (JSON.parse(response.text).Events as { CloudTrailEvent: string }[]).map((e) => JSON.parse(e.CloudTrailEvent));
    const event = events.find((e) => e.requestParameters?.roleSessionName === 'audited');
    assert.ok(event, response.text);
    const sub = 'repo:octo-org/octo-repo:ref:refs/heads/main';
    assert.deepEqual(event.userIdentity, {
      type: 'WebIdentityUser',
      principalId: `${providerArn(GH)}:sts.amazonaws.com:${sub}`,
      userName: sub,
      identityProvider: providerArn(GH),
    });
    assert.equal(event.responseElements?.subjectFromWebIdentityToken, sub);
  });
});
