import { describe, it } from '../support/node-test.js';
import assert from 'node:assert/strict';
import {
  base32Decode,
  base32Encode,
  hotp,
  matchConsecutiveTotp,
  matchTotp,
  newTotpSeed,
  totp,
  totpStep,
} from '../../src/services/iam/mfa/totp.js';

const ascii = (s: string) => new Uint8Array(Buffer.from(s, 'ascii'));

// RFC 6238 Appendix B: the seeds are the ASCII digits repeated to the hash's block-ish length.
const SHA1_KEY = ascii('12345678901234567890');
const SHA256_KEY = ascii('12345678901234567890123456789012');
const SHA512_KEY = ascii('1234567890123456789012345678901234567890123456789012345678901234');

const RFC6238: Array<[seconds: number, sha1: string, sha256: string, sha512: string]> = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

describe('TOTP (RFC 6238) and HOTP (RFC 4226)', () => {
  it('matches every RFC 4226 Appendix D HOTP value', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expected.forEach((code, counter) => assert.equal(hotp(SHA1_KEY, counter), code, `counter ${counter}`));
  });

  it('matches every RFC 6238 Appendix B test vector (8 digits, SHA-1/256/512)', () => {
    for (const [seconds, sha1, sha256, sha512] of RFC6238) {
      assert.equal(totp(SHA1_KEY, seconds * 1000, 8, 'sha1'), sha1, `SHA-1 at ${seconds}`);
      assert.equal(totp(SHA256_KEY, seconds * 1000, 8, 'sha256'), sha256, `SHA-256 at ${seconds}`);
      assert.equal(totp(SHA512_KEY, seconds * 1000, 8, 'sha512'), sha512, `SHA-512 at ${seconds}`);
    }
  });

  it('gives the 6-digit codes virtual MFA devices show (the last six digits)', () => {
    for (const [seconds, sha1] of RFC6238) assert.equal(totp(SHA1_KEY, seconds * 1000), sha1.slice(2));
  });

  it('steps every 30 seconds from the epoch', () => {
    assert.equal(totpStep(0), 0);
    assert.equal(totpStep(29_999), 0);
    assert.equal(totpStep(30_000), 1);
    assert.equal(totpStep(59_000), 1);
  });

  it('accepts the previous, current and next step only, and says which', () => {
    const now = 1_111_111_111_000;
    const step = totpStep(now);
    assert.equal(matchTotp(SHA1_KEY, hotp(SHA1_KEY, step), now), step);
    assert.equal(matchTotp(SHA1_KEY, hotp(SHA1_KEY, step - 1), now), step - 1);
    assert.equal(matchTotp(SHA1_KEY, hotp(SHA1_KEY, step + 1), now), step + 1);
    assert.equal(matchTotp(SHA1_KEY, hotp(SHA1_KEY, step - 2), now), undefined);
    assert.equal(matchTotp(SHA1_KEY, hotp(SHA1_KEY, step + 2), now), undefined);
    assert.equal(matchTotp(SHA1_KEY, '12345', now), undefined);
    assert.equal(matchTotp(SHA1_KEY, 'abcdef', now), undefined);
  });

  it('proves a device with two consecutive codes, second within the window', () => {
    const now = 1_234_567_890_000;
    const step = totpStep(now);
    const code = (s: number) => hotp(SHA1_KEY, s);
    assert.equal(matchConsecutiveTotp(SHA1_KEY, code(step - 1), code(step), now), step);
    assert.equal(matchConsecutiveTotp(SHA1_KEY, code(step - 2), code(step - 1), now), step - 1);
    assert.equal(matchConsecutiveTotp(SHA1_KEY, code(step), code(step + 1), now), step + 1);
    assert.equal(matchConsecutiveTotp(SHA1_KEY, code(step), code(step - 1), now), undefined, 'order matters');
    assert.equal(matchConsecutiveTotp(SHA1_KEY, code(step), code(step), now), undefined, 'the same code twice');
    assert.equal(matchConsecutiveTotp(SHA1_KEY, code(step - 3), code(step - 2), now), undefined, 'too old');
    assert.equal(matchConsecutiveTotp(SHA1_KEY, 'x', code(step), now), undefined);
  });

  it('base32 round-trips, matches RFC 4648 vectors and reads what authenticator apps accept', () => {
    const vectors: Array<[string, string]> = [
      ['', ''],
      ['f', 'MY'],
      ['fo', 'MZXQ'],
      ['foo', 'MZXW6'],
      ['foob', 'MZXW6YQ'],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI'],
    ];
    for (const [plain, encoded] of vectors) {
      assert.equal(base32Encode(ascii(plain)), encoded);
      assert.equal(Buffer.from(base32Decode(encoded)).toString('ascii'), plain);
    }
    assert.equal(Buffer.from(base32Decode('mzxw 6ytb oi======')).toString('ascii'), 'foobar');
    assert.throws(() => base32Decode('MZ1'));
  });

  it('makes 64-character seeds from 40 random bytes', () => {
    const seed = newTotpSeed({ bytes: (n) => new Uint8Array(n).fill(0xab) });
    assert.equal(seed.length, 64);
    assert.match(seed, /^[A-Z2-7]{64}$/);
    assert.deepEqual(base32Decode(seed), new Uint8Array(40).fill(0xab));
  });
});
