import { describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { repoRoot } from '../support/paths.js';
import { chainBreak, parseCertificates, parsePrivateKey } from '../../src/services/iam/certificates/pem-certificates.js';
import { signingCertificateId } from '../../src/services/iam/certificates/signing-certificate-id.js';
import { md5Fingerprint, parseSshPublicKey, toOpenSsh, toPem } from '../../src/services/iam/ssh-keys/ssh-public-key.js';

/** The pure parsing of uploaded certificates and SSH keys, on the test-only fixtures. */
const fixture = (name: string) => readFileSync(join(repoRoot, 'test/fixtures/certs', name), 'utf8');

suite('X.509 parsing', () => {
  test('PEM blocks with text around them; garbage is undefined', () => {
    const both = parseCertificates(`leaf:\n${fixture('server.pem')}\nca:\n${fixture('ca.pem')}`);
    assert.equal(both?.length, 2);
    assert.equal(parseCertificates('nothing'), undefined);
    assert.equal(parseCertificates('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----'), undefined);
  });
  test('private keys: PKCS#8 and SEC1 parse, garbage does not', () => {
    assert.ok(parsePrivateKey(fixture('server.key')));
    assert.ok(parsePrivateKey(fixture('third.key')));
    assert.equal(parsePrivateKey('nope'), undefined);
  });
  test('chain breaks: -1 for a first link that did not sign the body, else the index', () => {
    const body = new X509Certificate(fixture('server.pem'));
    const ca = new X509Certificate(fixture('ca.pem'));
    const other = new X509Certificate(fixture('other.pem'));
    assert.equal(chainBreak(body, [ca]), undefined);
    assert.equal(chainBreak(body, [other]), -1);
    assert.equal(chainBreak(body, [ca, other]), 0);
    assert.equal(chainBreak(body, []), undefined);
  });
  test('signing certificate ids: 28 of [A-Z2-7], stable per certificate', () => {
    const id = signingCertificateId(new X509Certificate(fixture('server.pem')));
    assert.match(id, /^[A-Z2-7]{28}$/);
    assert.equal(signingCertificateId(new X509Certificate(fixture('server.pem'))), id);
    assert.notEqual(signingCertificateId(new X509Certificate(fixture('other.pem'))), id);
  });
});

suite('SSH public keys', () => {
  test('OpenSSH RSA and ed25519: the MD5 fingerprints ssh-keygen prints', () => {
    const rsa = parseSshPublicKey(fixture('ssh_rsa.pub'));
    assert.ok(!('kind' in rsa));
    assert.equal(md5Fingerprint(rsa.blob), 'f4:45:da:c3:d9:de:ad:35:8f:40:45:96:8b:3f:b4:2d');
    assert.equal(rsa.bits, 2048);
    const ed = parseSshPublicKey(fixture('ssh_ed25519.pub'));
    assert.ok(!('kind' in ed));
    assert.equal(md5Fingerprint(ed.blob), '25:5e:f5:63:92:e7:39:e2:d2:71:76:43:75:d3:8e:d8');
  });
  test('PEM and OpenSSH forms convert into each other', () => {
    const fromPem = parseSshPublicKey(fixture('ssh_rsa.pem.pub'));
    assert.ok(!('kind' in fromPem));
    assert.equal(toOpenSsh(fromPem), fixture('ssh_rsa.pub').split(' ').slice(0, 2).join(' '));
    const fromSsh = parseSshPublicKey(fixture('ssh_rsa.pub'));
    assert.ok(!('kind' in fromSsh));
    assert.equal(toPem(fromSsh), fixture('ssh_rsa.pem.pub').trim());
  });
  test('refusals: short RSA, other key types, garbage, a blob whose type differs from its prefix', () => {
    assert.deepEqual(parseSshPublicKey(fixture('ssh_rsa1024.pub')), { kind: 'too-short', bits: 1024 });
    assert.deepEqual(parseSshPublicKey(fixture('ssh_ecdsa.pub')), { kind: 'unsupported-type', type: 'ecdsa-sha2-nistp256' });
    assert.deepEqual(parseSshPublicKey('ssh-rsa !!!'), { kind: 'unrecognized' });
    assert.deepEqual(parseSshPublicKey('hello'), { kind: 'unrecognized' });
    const blob = fixture('ssh_ed25519.pub').split(' ')[1]!;
    assert.deepEqual(parseSshPublicKey(`ssh-rsa ${blob}`), { kind: 'unrecognized' });
    const truncated = Buffer.from(blob, 'base64').subarray(0, 20).toString('base64');
    assert.deepEqual(parseSshPublicKey(`ssh-ed25519 ${truncated}`), { kind: 'unrecognized' });
  });
});
