import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateRoleCommand,
  DisableOutboundWebIdentityFederationCommand,
  EnableOutboundWebIdentityFederationCommand,
  GetOutboundWebIdentityFederationInfoCommand,
  type IAMClient,
  PutRolePolicyCommand,
  TagRoleCommand,
  TagUserCommand,
} from '@aws-sdk/client-iam';
import { GetWebIdentityTokenCommand, type GetWebIdentityTokenCommandInput, type STSClient } from '@aws-sdk/client-sts';
import { createRemoteJWKSet, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { RECORD_KINDS } from '../../src/model/record-kinds.js';
import { RETIRED_KEY_PUBLISHED_MS, rotateIssuerKeys } from '../../src/federation/issuer/signing-keys.js';
import { iamClient, stsClient } from '../support/sdk-clients.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { allow, assume, createUser, expectAwsError, OffsetClock, policyDoc, trustDoc, type TestUser } from '../support/sts-helpers.js';

/**
 * keysmith as an OIDC issuer (issue 12, item 3), at the boundary its users touch: an account
 * enables outbound federation through the SDK v3, asks STS GetWebIdentityToken for tokens, and a
 * verifier fetches discovery and the JWKS from the running keysmith over HTTP — unsigned, as any
 * OIDC verifier does — and checks the tokens with `jose` (createRemoteJWKSet). Claims as AWS
 * documents them, expiry, rotation with overlap, the refusals, and the audit record without the token.
 */
const DISABLED =
  'The outbound web identity federation feature is not enabled for this account. To use this feature, you must first enable it through the AWS Management Console or API.';
const AWS_NS = 'https://sts.amazonaws.com/';

let server: TestServer;
let clock: OffsetClock;
let iam: IAMClient;
let acct: string;
let base: string;
let tokenUser: TestUser;
let userSts: STSClient;
let issuer: string;

/** A port nobody listens on, so KEYSMITH_ISSUER_URL can name the listener before it starts. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function getJson(url: string): Promise<{ status: number; headers: Headers; body: any }> {
  const response = await fetch(url);
  return { status: response.status, headers: response.headers, body: await response.json() };
}

async function token(sts: STSClient, input: Partial<GetWebIdentityTokenCommandInput> = {}) {
  return sts.send(new GetWebIdentityTokenCommand({ Audience: ['https://api.example.com'], SigningAlgorithm: 'RS256', ...input }));
}

/** Verifies as a relying party does: keys from the JWKS named by the discovery document, fetched fresh. */
async function verify(jwt: string, audience: string | string[], at = clock.now()): Promise<JWTPayload> {
  const discovery = await getJson(`${issuer}/.well-known/openid-configuration`);
  const jwks = createRemoteJWKSet(new URL(discovery.body.jwks_uri));
  const { payload } = await jwtVerify(jwt, jwks, { issuer, audience, currentDate: new Date(at), algorithms: ['RS256', 'ES384'] });
  return payload;
}

suite('keysmith as an OIDC issuer: GetWebIdentityToken, discovery, JWKS (SDK v3, HTTP, jose)', () => {
  before(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    clock = new OffsetClock();
    server = await startTestServer({ KEYSMITH_PORT: String(port), KEYSMITH_ISSUER_URL: base }, { clock });
    acct = server.accountId;
    iam = iamClient(server.url, server.admin);
    tokenUser = await createUser(
      iam,
      'token-user',
      policyDoc(allow(['sts:GetWebIdentityToken', 'sts:TagGetWebIdentityToken', 'sts:AssumeRole', 'sts:TagSession'])),
    );
    await iam.send(new TagUserCommand({ UserName: 'token-user', Tags: [{ Key: 'team', Value: 'blue' }] }));
    userSts = stsClient(server.url, tokenUser.creds);
  });
  after(async () => {
    iam?.destroy();
    userSts?.destroy();
    await server?.close();
  });

  test('disabled: the existing refusal, and no issuer is published', async () => {
    await expectAwsError(token(userSts), 'OutboundWebIdentityFederationDisabledException', DISABLED, 403);
    const missing = await fetch(`${base}/_keysmith/issuer/00000000-0000-4000-8000-000000000000/.well-known/openid-configuration`);
    assert.equal(missing.status, 404);
    await missing.body?.cancel();
  });

  test('enable: the issuer is a URL keysmith serves; discovery and JWKS as OIDC requires, without a signature', async () => {
    const enabled = await iam.send(new EnableOutboundWebIdentityFederationCommand({}));
    issuer = enabled.IssuerIdentifier!;
    assert.match(issuer, new RegExp(`^${base}/_keysmith/issuer/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`));
    const info = await iam.send(new GetOutboundWebIdentityFederationInfoCommand({}));
    assert.equal(info.IssuerIdentifier, issuer);
    assert.equal(info.JwtVendingEnabled, true);

    const discovery = await getJson(`${issuer}/.well-known/openid-configuration`);
    assert.equal(discovery.status, 200);
    assert.match(discovery.headers.get('content-type')!, /^application\/json/);
    assert.equal(discovery.body.issuer, issuer);
    assert.equal(discovery.body.jwks_uri, `${issuer}/.well-known/jwks.json`);
    assert.deepEqual(discovery.body.id_token_signing_alg_values_supported, ['RS256', 'ES384']);
    assert.deepEqual(discovery.body.response_types_supported, ['id_token']);
    assert.deepEqual(discovery.body.subject_types_supported, ['public']);
    const jwks = await getJson(discovery.body.jwks_uri);
    assert.equal(jwks.status, 200);
    assert.ok(Array.isArray(jwks.body.keys));

    const head = await fetch(discovery.body.jwks_uri, { method: 'HEAD' });
    assert.equal(head.status, 200);
    const post = await fetch(discovery.body.jwks_uri, { method: 'POST' });
    assert.equal(post.status, 405);
    await post.body?.cancel();
  });

  test("a user's RS256 token: verified against keysmith's JWKS; claims, header and expiry as AWS documents", async () => {
    const out = await token(userSts, { Tags: [{ Key: 'job-id', Value: 'job-42' }] });
    const jwt = out.WebIdentityToken!;
    const header = decodeProtectedHeader(jwt);
    assert.equal(header.alg, 'RS256');
    assert.equal(header.typ, 'JWT');
    assert.ok(typeof header.kid === 'string' && header.kid.length > 0);

    const claims = await verify(jwt, 'https://api.example.com');
    assert.equal(claims.iss, issuer);
    assert.equal(claims.sub, tokenUser.arn);
    assert.equal(claims.aud, 'https://api.example.com');
    assert.equal(claims.exp! - claims.iat!, 300, 'the default duration is 300 seconds');
    assert.ok(Math.abs(claims.iat! - Math.floor(clock.now() / 1000)) <= 5);
    assert.match(String(claims.jti), /^[0-9a-f-]{36}$/);
    assert.equal(out.Expiration!.getTime(), claims.exp! * 1000);
    assert.deepEqual(claims[AWS_NS], {
      aws_account: acct,
      source_region: 'us-east-1',
      principal_tags: { team: 'blue' },
      request_tags: { 'job-id': 'job-42' },
    });

    // After exp the token no longer verifies (jose's own expiry check, at the time keysmith keeps).
    await assert.rejects(verify(jwt, 'https://api.example.com', (claims.exp! + 1) * 1000), joseErrors.JWTExpired);
    // A verifier expecting another audience refuses it.
    await assert.rejects(verify(jwt, 'https://other.example.com'), joseErrors.JWTClaimValidationFailed);
  });

  test('ES384 with two audiences and the shortest duration', async () => {
    const audiences = ['https://a.example.com', 'https://b.example.com'];
    const out = await token(userSts, { SigningAlgorithm: 'ES384', Audience: audiences, DurationSeconds: 60 });
    const jwt = out.WebIdentityToken!;
    assert.equal(decodeProtectedHeader(jwt).alg, 'ES384');
    const claims = await verify(jwt, 'https://b.example.com');
    assert.deepEqual(claims.aud, audiences);
    assert.equal(claims.exp! - claims.iat!, 60);
    assert.deepEqual(claims[AWS_NS], { aws_account: acct, source_region: 'us-east-1', principal_tags: { team: 'blue' } });
    const jwks = await getJson(`${issuer}/.well-known/jwks.json`);
    const kinds = jwks.body.keys.map((k: any) => `${k.kty}/${k.alg}/${k.crv ?? ''}`).sort();
    assert.deepEqual(kinds, ['EC/ES384/P-384', 'RSA/RS256/']);
    for (const key of jwks.body.keys) {
      assert.equal(key.use, 'sig');
      for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) assert.equal(key[secret], undefined, `the JWKS never carries ${secret}`);
    }
  });

  test("a role session's token names the role (with its path), with the role's tags under the session's", async () => {
    const role = (
      await iam.send(
        new CreateRoleCommand({
          RoleName: 'token-role',
          Path: '/ci/',
          AssumeRolePolicyDocument: trustDoc(tokenUser.arn, ['sts:AssumeRole', 'sts:TagSession']),
        }),
      )
    ).Role!;
    await iam.send(
      new PutRolePolicyCommand({ RoleName: 'token-role', PolicyName: 'p', PolicyDocument: policyDoc(allow('sts:GetWebIdentityToken')) }),
    );
    await iam.send(
      new TagRoleCommand({
        RoleName: 'token-role',
        Tags: [
          { Key: 'team', Value: 'red' },
          { Key: 'env', Value: 'test' },
        ],
      }),
    );
    const { creds } = await assume(userSts, {
      RoleArn: role.Arn,
      RoleSessionName: 'worker',
      DurationSeconds: 900,
      Tags: [{ Key: 'Team', Value: 'green' }],
    });
    const roleSts = stsClient(server.url, creds);
    try {
      const claims = await verify((await token(roleSts)).WebIdentityToken!, 'https://api.example.com');
      assert.equal(claims.sub, `arn:aws:iam::${acct}:role/ci/token-role`);
      assert.deepEqual(claims[AWS_NS], { aws_account: acct, source_region: 'us-east-1', principal_tags: { env: 'test', Team: 'green' } });
      // A token may not outlive the session (900 s) it was asked for with.
      await expectAwsError(
        token(roleSts, { DurationSeconds: 3600 }),
        'SessionDurationEscalationException',
        'The requested token duration would extend the session beyond its original expiration time.',
        403,
      );
      // Custom claims need sts:TagGetWebIdentityToken, which the role lacks.
      await expectAwsError(
        token(roleSts, { Tags: [{ Key: 'k', Value: 'v' }] }),
        'AccessDenied',
        /is not authorized to perform: sts:TagGetWebIdentityToken on resource: \*/,
        403,
      );
    } finally {
      roleSts.destroy();
    }
  });

  test('request tags: duplicate keys, aws: keys and an oversized payload are refused', async () => {
    await expectAwsError(
      token(userSts, {
        Tags: [
          { Key: 'a', Value: '1' },
          { Key: 'A', Value: '2' },
        ],
      }),
      'InvalidParameterValue',
      'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
    );
    await expectAwsError(token(userSts, { Tags: [{ Key: 'aws:x', Value: '1' }] }), 'InvalidParameterValue', /reserved for AWS use/);
    const big = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`.padEnd(128, 'k'), Value: 'v'.repeat(256) }));
    await expectAwsError(
      token(userSts, { Tags: big }),
      'JWTPayloadSizeExceededException',
      'The requested token payload size exceeds the maximum allowed size. Reduce the number of request tags included in the GetWebIdentityToken API call to reduce the token payload size.',
      400,
    );
  });

  test('rotation: a token signed before still verifies during the overlap; after it the old key is gone', async () => {
    const before = (await token(userSts)).WebIdentityToken!;
    const oldKid = decodeProtectedHeader(before).kid!;
    const issuedAt = clock.now();
    // The keys are stored sealed with the at-rest key: no private member in the row.
    const row = await server.keysmith.app.store.records.get(RECORD_KINDS.accountSettings, acct, 'outbound-issuer-keys');
    assert.match(row!.body, /^\{"sealed":"v1\.[^"]+"\}$/);
    assert.ok(!row!.body.includes('"d"') && !row!.body.includes(oldKid));
    await rotateIssuerKeys(server.keysmith.app.store, server.keysmith.app.secrets, acct, clock.now());

    const afterRotation = (await token(userSts)).WebIdentityToken!;
    const newKid = decodeProtectedHeader(afterRotation).kid!;
    assert.notEqual(newKid, oldKid, 'new tokens are signed with the new key');
    const kids = (await getJson(`${issuer}/.well-known/jwks.json`)).body.keys.map((k: any) => k.kid);
    assert.ok(kids.includes(oldKid) && kids.includes(newKid), 'both keys are published during the overlap');
    assert.equal(kids.length, 4, 'one old and one new key per algorithm');
    await verify(before, 'https://api.example.com');
    await verify(afterRotation, 'https://api.example.com');

    // Past the overlap (every token the old key signed has expired): the old key is no longer published.
    clock.advance(RETIRED_KEY_PUBLISHED_MS);
    try {
      const later = (await getJson(`${issuer}/.well-known/jwks.json`)).body.keys.map((k: any) => k.kid);
      assert.ok(!later.includes(oldKid));
      assert.ok(later.includes(newKid));
      assert.equal(later.length, 2);
      // Even a verifier ignoring expiry cannot find the key any more.
      await assert.rejects(verify(before, 'https://api.example.com', issuedAt), joseErrors.JWKSNoMatchingKey);
    } finally {
      clock.reset();
    }
  });

  test('disable: tokens are refused again; the issuer stays published for tokens already issued', async () => {
    await iam.send(new DisableOutboundWebIdentityFederationCommand({}));
    await expectAwsError(token(userSts), 'OutboundWebIdentityFederationDisabledException', DISABLED, 403);
    const info = await iam.send(new GetOutboundWebIdentityFederationInfoCommand({}));
    assert.equal(info.IssuerIdentifier, issuer);
    assert.equal(info.JwtVendingEnabled, false);
    assert.equal((await getJson(`${issuer}/.well-known/openid-configuration`)).status, 200);
    await iam.send(new EnableOutboundWebIdentityFederationCommand({}));
    assert.equal((await iam.send(new GetOutboundWebIdentityFederationInfoCommand({}))).IssuerIdentifier, issuer);
  });

  test('audit: GetWebIdentityToken is recorded, the token never is', async () => {
    const jwt = (await token(userSts, { Audience: ['https://audit.example.com'] })).WebIdentityToken!;
    const file = join(server.dataDir, 'audit.jsonl');
    let audit = '';
    for (let i = 0; i < 100 && !audit.includes('https://audit.example.com'); i++) {
      await sleep(50);
      audit = existsSync(file) ? readFileSync(file, 'utf8') : '';
    }
    const events = audit
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
      .filter((e) => e.eventName === 'GetWebIdentityToken' && e.errorCode === undefined);
    assert.ok(events.length >= 1, 'the call is audited');
    const signature = jwt.split('.')[2]!;
    assert.ok(!audit.includes(signature), 'no token in the audit log');
    assert.ok(!audit.includes(jwt.split('.')[1]!), 'not even its claims part');
  });
});
