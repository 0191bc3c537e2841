import { test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { nodeSigV4Crypto as crypto } from '../../src/platform/node-sigv4-crypto.js';
import { deriveSigningKey, parseSigV4, signRequest, SigV4Verifier, type SigV4Crypto } from '../../src/sigv4/index.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

test('sha256Hex of strings (UTF-8) and bytes', () => {
  assert.equal(crypto.sha256Hex(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(crypto.sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(crypto.sha256Hex(new Uint8Array([0x61, 0x62, 0x63])), crypto.sha256Hex('abc'));
  assert.equal(crypto.sha256Hex('\u1234'), crypto.sha256Hex(new Uint8Array([0xe1, 0x88, 0xb4])));
});

test('hmacSha256 (RFC 4231 test case 2), bytes and hex', () => {
  const expected = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';
  assert.equal(hex(crypto.hmacSha256('Jefe', 'what do ya want for nothing?')), expected);
  const key = new TextEncoder().encode('Jefe');
  assert.equal(hex(crypto.hmacSha256(key, 'what do ya want for nothing?')), expected);
  assert.equal(crypto.hmacSha256Hex(key, 'what do ya want for nothing?'), expected);
});

test('signing key derivation matches the AWS documentation example', () => {
  const key = deriveSigningKey(crypto, 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', '20150830', 'us-east-1', 'iam');
  assert.equal(hex(key), 'c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9');
});

test('constantTimeEqualHex', () => {
  const a = 'c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9';
  assert.equal(crypto.constantTimeEqualHex(a, a.slice()), true);
  assert.equal(crypto.constantTimeEqualHex(a, a.slice(0, -1) + '8'), false);
  assert.equal(crypto.constantTimeEqualHex(a, a.slice(0, -1)), false);
  assert.equal(crypto.constantTimeEqualHex('', ''), true);
  // latin1 would truncate U+0161 to 0x61 ('a'); the comparison must not be fooled.
  assert.equal(crypto.constantTimeEqualHex('a', '\u0161'), false);
});

test('the verifier compares signatures only through the constant-time port', () => {
  const calls: Array<[string, string]> = [];
  const spy: SigV4Crypto = {
    ...crypto,
    constantTimeEqualHex(a, b) {
      calls.push([a, b]);
      return crypto.constantTimeEqualHex(a, b);
    },
  };
  const secret = 'secret';
  const { request, signature } = signRequest(
    { method: 'GET', rawPath: '/', rawQuery: '', headers: { host: ['h'] }, body: new Uint8Array() },
    { credentials: { accessKeyId: 'AKID', secretAccessKey: secret }, region: 'r', service: 'iam', nowMs: 0, crypto },
  );
  new SigV4Verifier({ crypto: spy }).verify(request, parseSigV4(request), secret, 0);
  assert.deepEqual(calls, [[signature, signature]]);
});
