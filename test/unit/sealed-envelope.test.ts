import { test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { TokenKeyRing } from '../../src/tokens/key-ring.js';
import { EnvelopeError, openEnvelope, sealEnvelope } from '../../src/tokens/sealed-envelope.js';

const ring = () => new TokenKeyRing([{ id: 7, key: randomBytes(32).toString('base64'), createdAt: 0 }]);
const fault = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof EnvelopeError);
    return e.fault;
  }
  assert.fail('expected an EnvelopeError');
};

test('seal and open: the version and the bytes come back; the header says version and key id', () => {
  const r = ring();
  const sealed = sealEnvelope(2, Buffer.from('hello'), r);
  const raw = Buffer.from(sealed, 'base64url');
  assert.equal(raw.readUInt8(0), 2);
  assert.equal(raw.readUInt32BE(1), 7);
  assert.equal(raw.length, 1 + 4 + 12 + 5 + 16);
  const opened = openEnvelope(sealed, r, (v) => v === 2);
  assert.equal(opened.version, 2);
  assert.equal(opened.plaintext.toString(), 'hello');
});

test('every bit is authenticated, the domain too; unknown versions and keys are told apart', () => {
  const r = ring();
  const domain = Buffer.from('use A');
  const sealed = sealEnvelope(1, Buffer.from('payload'), r, domain);
  const raw = Buffer.from(sealed, 'base64url');
  for (let i = 5; i < raw.length; i++) {
    const copy = Buffer.from(raw);
    copy[i]! ^= 1;
    assert.equal(
      fault(() => openEnvelope(copy.toString('base64url'), r, () => true, domain)),
      'authentication',
      `byte ${i}`,
    );
  }
  assert.equal(
    fault(() => openEnvelope(sealed, r, () => true, Buffer.from('use B'))),
    'authentication',
  );
  assert.equal(
    fault(() => openEnvelope(sealed, r, () => true)),
    'authentication',
  );
  assert.equal(
    fault(() => openEnvelope(sealed, r, (v) => v === 2, domain)),
    'malformed',
  );
  assert.equal(
    fault(() => openEnvelope(sealed, ring(), () => true, domain)),
    'authentication',
    'same key id, another key',
  );
  const otherKey = new TokenKeyRing([{ id: 8, key: randomBytes(32).toString('base64'), createdAt: 0 }]);
  assert.equal(
    fault(() => openEnvelope(sealed, otherKey, () => true, domain)),
    'unknownKey',
  );
  assert.equal(
    fault(() => openEnvelope('', r, () => true)),
    'malformed',
  );
  assert.equal(
    fault(() => openEnvelope(`${sealed}=`, r, () => true, domain)),
    'malformed',
  );
});
