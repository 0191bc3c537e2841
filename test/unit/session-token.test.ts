import { describe, it } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { TokenKeyRing } from '../../src/tokens/key-ring.js';
import { sealEnvelope } from '../../src/tokens/sealed-envelope.js';
import { openSessionToken, sealSessionToken, TokenError } from '../../src/tokens/session-token.js';
import type { SessionClaims } from '../../src/model/session.js';

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
  sessionName: 's',
  originArn: 'arn:aws:iam::123456789012:user/u',
  originUserId: 'AIDAEXAMPLEEXAMPLE123',
  originUserName: 'u',
};

describe('session tokens', () => {
  const ring = new TokenKeyRing([TokenKeyRing.newKey(1)]);

  it('round-trip small claims (plain) and large ones (deflated), base64url only', () => {
    const large = {
      ...claims,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: Array.from({ length: 20 }, () => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' })),
      }),
    };
    for (const c of [claims, large]) {
      const token = sealSessionToken(c, ring);
      assert.match(token, /^[A-Za-z0-9_-]+$/);
      assert.deepEqual(openSessionToken(token, ring), c);
    }
    assert.ok(sealSessionToken(large, ring).length < JSON.stringify(large).length, 'large claims are compressed');
  });

  it('refuses any changed byte, a foreign key ring, and garbage', () => {
    const token = sealSessionToken(claims, ring);
    const raw = Buffer.from(token, 'base64url');
    for (const i of [0, 1, 5, 17, raw.length - 1]) {
      const bad = Buffer.from(raw);
      bad[i] = bad[i]! ^ 1;
      assert.throws(() => openSessionToken(bad.toString('base64url'), ring), TokenError);
    }
    assert.throws(() => openSessionToken(token, new TokenKeyRing([TokenKeyRing.newKey(2)])), TokenError);
    assert.throws(() => openSessionToken('not-a-token', ring), TokenError);
  });

  it('keeps opening tokens sealed before a rotation', () => {
    const old = TokenKeyRing.newKey(1);
    const before = sealSessionToken(claims, new TokenKeyRing([old]));
    const rotated = new TokenKeyRing([old, TokenKeyRing.newKey(2)]);
    assert.deepEqual(openSessionToken(before, rotated), claims);
    assert.notEqual(rotated.active.id, old.id);
  });

  it('opens every kind with what it always has, the root as origin included', () => {
    const base = { accessKeyId: 'ASIAEXAMPLEEXAMPLE12', secretAccessKey: 'x', accountId: '123456789012', issuedAt: 1, expiresAt: 2 };
    const user = { originArn: 'arn:aws:iam::123456789012:user/u', originUserId: 'AIDAEXAMPLEEXAMPLE123', originUserName: 'u' };
    const rootArn = 'arn:aws:iam::123456789012:root';
    const kinds: SessionClaims[] = [
      { ...base, kind: 'FederatedUser', sessionName: 'fed', ...user },
      { ...base, kind: 'FederatedUser', sessionName: 'fed', originArn: rootArn },
      { ...base, kind: 'SessionToken', ...user, mfaAuthenticated: true },
      { ...base, kind: 'SessionToken', originArn: rootArn, originUserId: '123456789012' },
    ];
    for (const c of kinds) assert.deepEqual(openSessionToken(sealSessionToken(c, ring), ring), c);
  });

  it('refuses authentic claims that lack a field their kind always has (the JSON a token holds stays as it was)', () => {
    const sealJson = (value: unknown) => sealEnvelope(1, Buffer.from(JSON.stringify(value)), ring);
    assert.deepEqual(openSessionToken(sealJson({ ...claims }), ring), claims);
    for (const key of [
      'roleId',
      'roleName',
      'rolePath',
      'sessionName',
      'originArn',
      'originUserId',
      'originUserName',
      'accountId',
      'expiresAt',
    ]) {
      const { [key as keyof typeof claims]: _gone, ...rest } = claims;
      assert.throws(() => openSessionToken(sealJson(rest), ring), TokenError, key);
    }
    const fed = { ...claims, kind: 'FederatedUser', roleId: undefined, roleName: undefined, rolePath: undefined };
    assert.ok(openSessionToken(sealJson(fed), ring));
    assert.throws(() => openSessionToken(sealJson({ ...fed, originUserId: undefined }), ring), TokenError, 'a user name without its id');
    assert.throws(() => openSessionToken(sealJson({ ...fed, originUserName: undefined }), ring), TokenError, 'a user id without its name');
    assert.throws(() => openSessionToken(sealJson({ ...claims, kind: 'SessionToken', originUserId: undefined }), ring), TokenError);
    assert.throws(() => openSessionToken(sealJson({ ...claims, kind: 'Other' }), ring), TokenError);
    assert.throws(() => openSessionToken(sealJson(null), ring), TokenError);
    assert.throws(() => openSessionToken(sealEnvelope(1, Buffer.from('{not json'), ring), ring), TokenError);
  });
});
