import { describe, it } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { TokenKeyRing } from '../../src/tokens/key-ring.js';
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
  sessionName: 's',
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
});
