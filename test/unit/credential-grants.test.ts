import { describe, it } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { nodeRandom } from '../../src/platform/node-random.js';
import { TokenKeyRing } from '../../src/tokens/key-ring.js';
import { openSessionToken, sealSessionToken, TokenError } from '../../src/tokens/session-token.js';
import type { SessionClaims } from '../../src/model/session.js';
import { BoundedGrantCache, type GrantCredentials, refreshWindow } from '../../src/services/service-roles/grant-credentials.js';
import {
  grantToken,
  hashSecret,
  newGrantId,
  newGrantSecret,
  parseGrantToken,
  secretMatches,
} from '../../src/services/service-roles/grant-record.js';
import { makeUpCompute } from '../../src/services/service-roles/compute-resources.js';

/** The pure parts of credential grants (src/services/service-roles/); the live behaviour is test/conformance/service-roles.test.ts. */
describe('credential grants', () => {
  it('tokens: `<grant id>.<secret>`, parsed strictly; only the secret’s hash is kept, compared in constant time', () => {
    const id = newGrantId(nodeRandom);
    const secret = newGrantSecret(nodeRandom);
    assert.match(id, /^cg-[0-9a-f]{24}$/);
    const token = grantToken(id, secret);
    assert.deepEqual(parseGrantToken(token), { grantId: id, secret });
    for (const bad of ['', id, `${id}.`, `${id}.${secret}x`, `${id.toUpperCase()}.${secret}`, `Bearer ${token}`, `${token}\n`]) {
      assert.equal(parseGrantToken(bad), undefined, bad);
    }
    const hash = hashSecret(secret);
    assert.ok(secretMatches(secret, hash));
    assert.ok(!secretMatches(newGrantSecret(nodeRandom), hash));
    assert.ok(!hash.includes(secret));
  });

  it('the refresh window: 5 to 15 minutes, the same for a grant everywhere, at most a third of the life', () => {
    for (let i = 0; i < 200; i++) {
      const id = newGrantId(nodeRandom);
      const w = refreshWindow(id, 3600);
      assert.ok(w >= 300 && w <= 900, String(w));
      assert.equal(refreshWindow(id, 3600), w);
      assert.equal(refreshWindow(id, 60), 20);
      assert.equal(refreshWindow(id, 900), 300);
    }
  });

  it('the cache keeps at most its bound, dropping the oldest', () => {
    const cache = new BoundedGrantCache(2);
    const c = (n: number) => ({ AccessKeyId: `k${n}` }) as GrantCredentials;
    cache.set('a', c(1));
    cache.set('b', c(2));
    cache.set('c', c(3));
    assert.equal(cache.get('a'), undefined);
    assert.equal(cache.get('c')?.AccessKeyId, 'k3');
  });

  it('made-up compute: AWS’s id and ARN forms, session names as AWS names them', () => {
    const ec2 = makeUpCompute('ec2', 'eu-west-1', '123456789012', {}, nodeRandom);
    assert.match(ec2.sessionName, /^i-[0-9a-f]{17}$/);
    assert.equal(ec2.sourceArn, `arn:aws:ec2:eu-west-1:123456789012:instance/${ec2.sessionName}`);
    assert.equal(ec2.associatedResourceArn, ec2.sourceArn);
    assert.match(ec2.ec2!.vpcId, /^vpc-[0-9a-f]{17}$/);
    assert.match(ec2.ec2!.privateIp, /^10\.0\.\d{1,3}\.\d{1,3}$/);
    const ecs = makeUpCompute('ecs', 'us-east-1', '123456789012', { clusterName: 'prod' }, nodeRandom);
    assert.match(ecs.sessionName, /^[0-9a-f]{32}$/);
    assert.equal(ecs.sourceArn, `arn:aws:ecs:us-east-1:123456789012:task/prod/${ecs.sessionName}`);
    assert.equal(ecs.associatedResourceArn, undefined);
    const fn = makeUpCompute('lambda', 'us-east-1', '123456789012', { functionName: 'billing' }, nodeRandom);
    assert.equal(fn.sessionName, 'billing');
    assert.equal(fn.sourceArn, 'arn:aws:lambda:us-east-1:123456789012:function:billing');
    const pod = makeUpCompute('eks-pod-identity', 'us-east-1', '123456789012', { clusterName: 'c' }, nodeRandom);
    assert.match(pod.sessionName, /^eks-c-default-[0-9a-f]{5}-[0-9a-f-]{36}$/);
    assert.ok(pod.sessionName.length <= 64);
    assert.deepEqual(
      pod.sessionTags!.map((t) => t.Key),
      [
        'eks-cluster-arn',
        'eks-cluster-name',
        'kubernetes-namespace',
        'kubernetes-service-account',
        'kubernetes-pod-name',
        'kubernetes-pod-uid',
      ],
    );
  });

  it('a service session’s claims survive the token; a session claiming two origins is refused', () => {
    const ring = new TokenKeyRing([TokenKeyRing.newKey(1)]);
    const claims: SessionClaims = {
      accessKeyId: 'ASIAEXAMPLEEXAMPLE12',
      secretAccessKey: 'secret/secret/secret/secret/secret/secre',
      kind: 'AssumedRole',
      accountId: '123456789012',
      issuedAt: 1_800_000_000,
      expiresAt: 1_800_003_600,
      roleId: 'AROAEXAMPLEEXAMPLE123',
      roleName: 'r',
      rolePath: '/',
      sessionName: 'i-0123456789abcdef0',
      originArn: 'ec2.amazonaws.com',
      service: {
        principal: 'ec2.amazonaws.com',
        ec2: {
          instanceArn: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0',
          roleDelivery: '2.0',
          vpcId: 'vpc-1',
          privateIp: '10.0.0.9',
        },
      },
    };
    assert.deepEqual(openSessionToken(sealSessionToken(claims, ring), ring), claims);
    const both = { ...claims, originUserId: 'AIDAEXAMPLEEXAMPLE123', originUserName: 'u' } as unknown as SessionClaims;
    assert.throws(() => openSessionToken(sealSessionToken(both, ring), ring), TokenError);
    const federatedToo = { ...claims, federation: { type: 'SAML', provider: 'p', subject: 's' } } as unknown as SessionClaims;
    assert.throws(() => openSessionToken(sealSessionToken(federatedToo, ring), ring), TokenError);
  });
});
