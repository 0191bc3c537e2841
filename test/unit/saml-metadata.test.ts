import { describe, it } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AwsError } from '../../src/errors/aws-error.js';
import { INVALID_METADATA, parseSamlMetadata } from '../../src/services/iam/saml-providers/saml-metadata.js';
import { repoRoot } from '../support/paths.js';

const fixture = (name: string) => readFileSync(join(repoRoot, 'test/fixtures/saml', name), 'utf8');
const METADATA = fixture('idp-metadata.xml');
const CERT_1 = /<ds:X509Certificate>\s*([^<]+?)\s*<\/ds:X509Certificate>/.exec(METADATA)![1]!;

const refused = (xml: string, why: string) =>
  assert.throws(
    () => parseSamlMetadata(xml),
    (e: unknown) => e instanceof AwsError && e.code === 'InvalidInput' && e.message === INVALID_METADATA,
    why,
  );

const doc = (inner: string, attrs = 'entityID="https://idp.test"') =>
  `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" ${attrs}>${inner}</md:EntityDescriptor>`;
const key = (use: string | null, cert = CERT_1) =>
  `<md:KeyDescriptor${use === null ? '' : ` use="${use}"`}><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${cert}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`;
const idp = (...keys: string[]) =>
  `<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${keys.join('')}</md:IDPSSODescriptor>`;

describe('SAML metadata parser', () => {
  it('reads entityID, validUntil and the signing certificates (use="signing" or none)', () => {
    const m = parseSamlMetadata(METADATA);
    assert.equal(m.entityId, 'https://idp.keysmith.test/saml');
    assert.equal(m.validUntil, Date.parse('2099-01-01T00:00:00Z'));
    assert.deepEqual(
      m.signingCertificates.map((c) => new X509Certificate(c.pem).subject),
      ['CN=keysmith-test-idp-signing', 'CN=keysmith-test-idp-signing-2'],
    );
    const cert = new X509Certificate(fixture('idp-signing.crt'));
    assert.equal(m.signingCertificates[0]!.pem, cert.toString());
    assert.equal(m.signingCertificates[0]!.notBefore, Date.parse(cert.validFrom));
    assert.equal(m.signingCertificates[0]!.notAfter, Date.parse(cert.validTo));
  });

  it('accepts the default namespace and metadata without validUntil', () => {
    const m = parseSamlMetadata(fixture('idp-metadata-no-valid-until.xml'));
    assert.equal(m.entityId, 'https://other-idp.keysmith.test/metadata');
    assert.equal(m.validUntil, undefined);
    assert.equal(m.signingCertificates.length, 1);
  });

  it('reads xs:dateTime with fractions and offsets', () => {
    assert.equal(
      parseSamlMetadata(doc(idp(key('signing')), 'entityID="e" validUntil="2030-05-01T12:00:00.5+02:00"')).validUntil,
      Date.parse('2030-05-01T10:00:00.500Z'),
    );
    assert.equal(
      parseSamlMetadata(doc(idp(key(null)), 'entityID="e" validUntil="2030-05-01T12:00:00"')).validUntil,
      Date.parse('2030-05-01T12:00:00Z'),
    );
  });

  it('refuses DTDs and entities outright', () => {
    refused(`<!DOCTYPE md:EntityDescriptor>${doc(idp(key('signing')))}`, 'doctype');
    refused(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${doc(idp(key('signing')))}`, 'external entity');
    refused(doc(idp(key('signing')) + '&e;'), 'undeclared entity');
  });

  it('refuses what it cannot use', () => {
    refused('', 'empty');
    refused('<x', 'not XML');
    refused(
      '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="e"><a></b></md:EntityDescriptor>',
      'mismatched tags',
    );
    refused('<EntityDescriptor entityID="e"/>', 'no SAML namespace');
    refused(doc(idp(key('signing')), ''), 'no entityID');
    refused(doc(idp(key('signing')), 'entityID="  "'), 'blank entityID');
    refused(doc(''), 'no IDPSSODescriptor');
    refused(doc(idp()), 'no key');
    refused(doc(idp(key('encryption'))), 'only an encryption key');
    refused(doc(idp(key('signing', 'bm90IGEgY2VydA=='))), 'not a certificate');
    refused(doc(idp(key('signing', '%%%'))), 'not base64');
    refused(doc(idp(key('signing')), 'entityID="e" validUntil="tomorrow"'), 'bad validUntil');
    refused(
      `<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">${doc(idp(key('signing')))}</md:EntitiesDescriptor>`,
      'an aggregate',
    );
  });
});
