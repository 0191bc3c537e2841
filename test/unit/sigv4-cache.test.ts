import { test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { nodeSigV4Crypto } from '../../src/platform/node-sigv4-crypto.js';
import { deriveSigningKey, parseSigV4, signRequest, SigningKeyCache, SigV4Verifier, type SigV4Crypto } from '../../src/sigv4/index.js';

function countingCrypto(): { crypto: SigV4Crypto; hmacs: () => number } {
  let count = 0;
  return {
    crypto: {
      ...nodeSigV4Crypto,
      hmacSha256(key, data) {
        count++;
        return nodeSigV4Crypto.hmacSha256(key, data);
      },
    },
    hmacs: () => count,
  };
}

test('a cached key is the derived key, derived once', () => {
  const { crypto, hmacs } = countingCrypto();
  const cache = new SigningKeyCache(crypto, 8);
  const first = cache.get('secret', '20150830', 'us-east-1', 'iam');
  assert.equal(hmacs(), 4);
  assert.deepEqual(first, deriveSigningKey(nodeSigV4Crypto, 'secret', '20150830', 'us-east-1', 'iam'));
  assert.equal(cache.get('secret', '20150830', 'us-east-1', 'iam'), first);
  assert.equal(hmacs(), 4);
});

test('every part of (secret, date, region, service) is part of the cache key', () => {
  const { crypto } = countingCrypto();
  const cache = new SigningKeyCache(crypto, 8);
  const base = cache.get('secret', '20150830', 'us-east-1', 'iam');
  const others = [
    cache.get('secret2', '20150830', 'us-east-1', 'iam'),
    cache.get('secret', '20150831', 'us-east-1', 'iam'),
    cache.get('secret', '20150830', 'eu-west-1', 'iam'),
    cache.get('secret', '20150830', 'us-east-1', 'sts'),
  ];
  for (const other of others) assert.notDeepEqual(other, base);
  assert.equal(cache.size, 5);
});

test('the cache is bounded: the oldest entry goes first', () => {
  const { crypto, hmacs } = countingCrypto();
  const cache = new SigningKeyCache(crypto, 3);
  for (const region of ['r1', 'r2', 'r3', 'r4']) cache.get('s', '20150830', region, 'iam');
  assert.equal(cache.size, 3);
  const before = hmacs();
  cache.get('s', '20150830', 'r4', 'iam');
  cache.get('s', '20150830', 'r2', 'iam');
  assert.equal(hmacs(), before, 'r2..r4 still cached');
  cache.get('s', '20150830', 'r1', 'iam');
  assert.equal(hmacs(), before + 4, 'r1 was evicted');
  assert.equal(cache.size, 3);
});

test('maxEntries 0 caches nothing', () => {
  const { crypto, hmacs } = countingCrypto();
  const cache = new SigningKeyCache(crypto, 0);
  cache.get('s', 'd', 'r', 'iam');
  cache.get('s', 'd', 'r', 'iam');
  assert.equal(hmacs(), 8);
  assert.equal(cache.size, 0);
});

test('the verifier derives the signing key once per (secret, day, region, service)', () => {
  const { crypto, hmacs } = countingCrypto();
  const verifier = new SigV4Verifier({ crypto, keyCacheSize: 16 });
  const nowMs = Date.UTC(2015, 7, 30, 12, 36, 0);
  const sign = (path: string) =>
    signRequest(
      { method: 'GET', rawPath: path, rawQuery: '', headers: { host: ['iam.amazonaws.com'] }, body: new Uint8Array() },
      {
        credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
        region: 'us-east-1',
        service: 'iam',
        nowMs,
        crypto: nodeSigV4Crypto,
      },
    ).request;
  const a = sign('/a');
  const b = sign('/b');
  verifier.verify(a, parseSigV4(a), 'secret', nowMs);
  assert.equal(hmacs(), 4);
  verifier.verify(b, parseSigV4(b), 'secret', nowMs);
  assert.equal(hmacs(), 4, 'second request: no derivation');
  assert.equal(verifier.keyCache.size, 1);
});
