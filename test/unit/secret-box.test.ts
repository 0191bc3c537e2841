import { describe, it } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { SecretBox } from '../../src/tokens/secret-box.js';

describe('secrets at rest', () => {
  const box = new SecretBox(randomBytes(32));
  it('round-trips and never stores the plaintext', () => {
    const sealed = box.seal('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'AKIAEXAMPLE');
    assert.doesNotMatch(sealed, /wJalr/);
    assert.equal(box.open(sealed, 'AKIAEXAMPLE'), 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
  });
  it('refuses another key id, another key, or a tampered text', () => {
    const sealed = box.seal('secret', 'AKIA1');
    assert.throws(() => box.open(sealed, 'AKIA2'));
    assert.throws(() => new SecretBox(randomBytes(32)).open(sealed, 'AKIA1'));
    const parts = sealed.split('.');
    parts[3] = Buffer.from('x' + Buffer.from(parts[3]!, 'base64').toString('latin1')).toString('base64');
    assert.throws(() => box.open(parts.join('.'), 'AKIA1'));
  });
});
