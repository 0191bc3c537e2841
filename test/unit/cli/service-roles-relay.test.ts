import { after, before, describe, it } from '../../support/node-test.js';
import assert from 'node:assert/strict';
import { startContainerRelay, type ContainerRelay } from '../../../src/cli/service-roles/container-relay.js';
import { CredentialCache } from '../../../src/cli/service-roles/credential-cache.js';
import { grantFetcher } from '../../../src/cli/service-roles/credential-fetch.js';
import { GRANT_TOKEN, startStubUpstream, type StubUpstream } from './service-roles-stub.js';

/** The local container-credentials endpoint (ECS, EKS Pod Identity) relaying keysmith's route. */
describe('keysmith run --as ecs / eks-pod-identity: the local container-credentials endpoint', () => {
  let stub: StubUpstream;
  let ecs: ContainerRelay;
  let eks: ContainerRelay;
  const localToken = 'local-token-for-this-run';

  before(async () => {
    stub = await startStubUpstream();
    ecs = await startContainerRelay({
      computeType: 'ecs',
      path: '/v2/credentials/5f0c2f1e-0000-4000-8000-000000000000',
      token: localToken,
      cache: new CredentialCache(grantFetcher(stub.url, GRANT_TOKEN)),
    });
    eks = await startContainerRelay({
      computeType: 'eks-pod-identity',
      path: '/v1/credentials',
      token: localToken,
      cache: new CredentialCache(grantFetcher(stub.url, GRANT_TOKEN)),
    });
  });
  after(async () => {
    await ecs.close();
    await eks.close();
    await stub.close();
  });

  const get = (url: string, authorization?: string) => fetch(url, { headers: authorization === undefined ? {} : { authorization } });

  it('serves ECS-shaped credentials (RoleArn first) to the right token, on loopback', async () => {
    assert.match(ecs.url, /^http:\/\/127\.0\.0\.1:\d+\/v2\/credentials\/[0-9a-f-]{36}$/);
    const response = await get(ecs.url, localToken);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/json');
    const body: any = await response.json();
    assert.deepEqual(Object.keys(body), ['RoleArn', 'AccessKeyId', 'SecretAccessKey', 'Token', 'Expiration']);
    assert.equal(body.RoleArn, 'arn:aws:iam::123456789012:role/app');
    assert.match(body.Expiration, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('serves EKS Pod Identity-shaped credentials (AccountId) on /v1/credentials', async () => {
    const upstream = await startStubUpstream();
    // The stub answers ECS's members; an eks grant's route adds AccountId, which the relay passes on.
    const relay = await startContainerRelay({
      computeType: 'eks-pod-identity',
      path: '/v1/credentials',
      token: localToken,
      cache: new CredentialCache(async () => ({
        ok: true,
        credentials: {
          AccessKeyId: 'ASIAEKS',
          SecretAccessKey: 's',
          Token: 't',
          AccountId: '123456789012',
          Expiration: '2099-01-01T00:00:00.000Z',
        },
      })),
    });
    try {
      const body: any = await (await get(relay.url, localToken)).json();
      assert.deepEqual(body, {
        AccessKeyId: 'ASIAEKS',
        SecretAccessKey: 's',
        Token: 't',
        AccountId: '123456789012',
        Expiration: '2099-01-01T00:00:00Z',
      });
      assert.match(eks.url, /\/v1\/credentials$/);
    } finally {
      await relay.close();
      await upstream.close();
    }
  });

  it('refuses a missing token (401) and a wrong one (403), and fetches nothing for them', async () => {
    const before = stub.fetches.length;
    const missing = await get(ecs.url);
    assert.equal(missing.status, 401);
    assert.equal(((await missing.json()) as any).code, 'AccessDenied');
    assert.equal((await get(ecs.url, '')).status, 401);
    assert.equal((await get(ecs.url, `${localToken}x`)).status, 403);
    assert.equal((await get(eks.url, 'wrong')).status, 403);
    // The grant's own token is not the local one either.
    assert.equal((await get(ecs.url, GRANT_TOKEN)).status, 403);
    assert.equal(stub.fetches.length, before);
  });

  it('serves only its path, and only GET', async () => {
    assert.equal((await get(new URL('/v2/credentials/other', ecs.url).toString(), localToken)).status, 404);
    assert.equal((await fetch(ecs.url, { method: 'POST', headers: { authorization: localToken } })).status, 405);
  });

  it('passes keysmith refusals on (status and code), and answers 502 when keysmith cannot be reached', async () => {
    const refusing = await startStubUpstream();
    refusing.refuse = { status: 403, code: 'AccessDenied', message: 'The grant was revoked.' };
    const relay = await startContainerRelay({
      computeType: 'ecs',
      path: '/v2/credentials/x',
      token: localToken,
      cache: new CredentialCache(grantFetcher(refusing.url, GRANT_TOKEN)),
    });
    const down = await startContainerRelay({
      computeType: 'ecs',
      path: '/v2/credentials/x',
      token: localToken,
      cache: new CredentialCache(grantFetcher('http://127.0.0.1:1', GRANT_TOKEN)),
    });
    try {
      const refused = await get(relay.url, localToken);
      assert.equal(refused.status, 403);
      assert.deepEqual(await refused.json(), { code: 'AccessDenied', message: 'The grant was revoked.' });
      assert.equal((await get(down.url, localToken)).status, 502);
    } finally {
      await relay.close();
      await down.close();
      await refusing.close();
    }
  });
});

describe('the credential cache of a local endpoint', () => {
  const creds = (key: string, expiresAt: number) => ({
    ok: true as const,
    credentials: { AccessKeyId: key, SecretAccessKey: 's', Token: 't', Expiration: new Date(expiresAt).toISOString() },
  });

  it('answers from its copy until a third of the lifetime (at most 15 minutes) before expiry, then asks again', async () => {
    let now = 1_000_000_000_000;
    let calls = 0;
    let next = creds('A', now + 3600_000);
    const cache = new CredentialCache(
      async () => (calls++, next),
      () => now,
    );
    try {
      assert.equal(((await cache.get()) as { credentials: { AccessKeyId: string } }).credentials.AccessKeyId, 'A');
      now += 44 * 60_000;
      await cache.get();
      assert.equal(calls, 1);
      now += 2 * 60_000; // 14 minutes before expiry
      next = creds('B', now + 3600_000);
      const renewed = await cache.get();
      assert.equal(calls, 2);
      assert.ok(renewed.ok && renewed.credentials.AccessKeyId === 'B' && renewed.receivedAt === now);
    } finally {
      cache.close();
    }
  });

  it('keeps serving valid credentials when a refresh fails; answers the failure once nothing valid is left', async () => {
    let now = 1_000_000_000_000;
    let next: Awaited<ReturnType<ConstructorParameters<typeof CredentialCache>[0]>> = creds('A', now + 60_000);
    const cache = new CredentialCache(
      async () => next,
      () => now,
    );
    try {
      await cache.get();
      next = { ok: false, status: 403, code: 'AccessDenied', message: 'no' };
      now += 50_000;
      const stale = await cache.get();
      assert.ok(stale.ok && stale.credentials.AccessKeyId === 'A');
      now += 9_000;
      const refused = await cache.get();
      assert.ok(!refused.ok && refused.code === 'AccessDenied');
    } finally {
      cache.close();
    }
  });

  it('makes one upstream fetch for concurrent requests', async () => {
    let calls = 0;
    const cache = new CredentialCache(async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 20));
      return creds('A', Date.now() + 3600_000);
    });
    try {
      await Promise.all([cache.get(), cache.get(), cache.get()]);
      assert.equal(calls, 1);
    } finally {
      cache.close();
    }
  });
});
