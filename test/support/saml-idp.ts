import { constants, createCipheriv, publicEncrypt, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignedXml } from 'xml-crypto';
import { repoRoot } from './paths.js';

/**
 * A SAML 2.0 identity provider for tests: it writes Responses and Assertions as IdPs send them to
 * AWS, and signs them for real with xml-crypto and a test key (test/fixtures/federation/saml/).
 * The attacks (wrapping, comment injection, DTDs, tampering) are built from its output by hand.
 */
const FIXTURES = join(repoRoot, 'test/fixtures/federation/saml');
export const IDP_KEY = readFileSync(join(FIXTURES, 'idp-key.pem'), 'utf8');
export const IDP_CERT = readFileSync(join(FIXTURES, 'idp-cert.pem'), 'utf8');
export const OTHER_KEY = readFileSync(join(FIXTURES, 'other-key.pem'), 'utf8');
export const OTHER_CERT = readFileSync(join(FIXTURES, 'other-cert.pem'), 'utf8');
/** keysmith's (the service provider's) decryption key, added to a provider with AddPrivateKey. */
export const SP_KEY = readFileSync(join(FIXTURES, 'sp-key.pem'), 'utf8');
export const SP_CERT = readFileSync(join(FIXTURES, 'sp-cert.pem'), 'utf8');

export const ENTITY_ID = 'https://idp.keysmith.test/saml';
export const AWS_SIGNIN = 'https://signin.aws.amazon.com/saml';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

const bare = (pem: string) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');

/** IdP metadata naming the signing certificate (over the 1,000 characters IAM requires). */
export function idpMetadata(cert = IDP_CERT, entityId = ENTITY_ID): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${entityId}">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${bare(cert)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>
    </md:KeyDescriptor>
    <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.keysmith.test/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;
}

export interface AssertionOptions {
  id?: string;
  issuer?: string;
  subject?: string;
  subjectFormat?: string;
  recipient?: string;
  /** null: no AudienceRestriction at all. */
  audience?: string | null;
  issueInstant?: Date;
  notBefore?: Date;
  notOnOrAfter?: Date;
  /** The Role attribute's values ("role ARN,provider ARN"). */
  roles?: string[];
  /** Further attributes, by Name; RoleSessionName is `alice` unless given (null: none). */
  attributes?: Record<string, string[] | null>;
}

const iso = (d: Date) => d.toISOString();

/** An unsigned Assertion as an IdP writes it for AWS. */
export function assertionXml(o: AssertionOptions = {}): string {
  const now = Date.now();
  const issued = o.issueInstant ?? new Date(now);
  const notBefore = o.notBefore ?? new Date(now - 60_000);
  const notOnOrAfter = o.notOnOrAfter ?? new Date(now + 5 * 60_000);
  const attributes: Record<string, string[] | null> = {
    'https://aws.amazon.com/SAML/Attributes/RoleSessionName': ['alice'],
    'https://aws.amazon.com/SAML/Attributes/Role': o.roles ?? [],
    ...o.attributes,
  };
  const attributeXml = Object.entries(attributes)
    .filter((e): e is [string, string[]] => e[1] !== null && e[1].length > 0)
    .map(
      ([name, values]) =>
        `<saml:Attribute Name="${name}">${values.map((v) => `<saml:AttributeValue xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">${v}</saml:AttributeValue>`).join('')}</saml:Attribute>`,
    )
    .join('');
  const audience =
    o.audience === null
      ? ''
      : `<saml:AudienceRestriction><saml:Audience>${o.audience ?? AWS_SIGNIN}</saml:Audience></saml:AudienceRestriction>`;
  return (
    `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${o.id ?? `_a${randomUUID()}`}" Version="2.0" IssueInstant="${iso(issued)}">` +
    `<saml:Issuer>${o.issuer ?? ENTITY_ID}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="${o.subjectFormat ?? 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent'}">${o.subject ?? 'alice@example.com'}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${iso(notOnOrAfter)}" Recipient="${o.recipient ?? AWS_SIGNIN}"/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${iso(notBefore)}" NotOnOrAfter="${iso(notOnOrAfter)}">${audience}</saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${iso(issued)}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    `<saml:AttributeStatement>${attributeXml}</saml:AttributeStatement>` +
    `</saml:Assertion>`
  );
}

/** A Response around one or more assertions (or other content). */
export function responseXml(inner: string, o: { id?: string; destination?: string } = {}): string {
  return (
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="${o.id ?? `_r${randomUUID()}`}" Version="2.0" IssueInstant="${new Date().toISOString()}" Destination="${o.destination ?? AWS_SIGNIN}">` +
    `<saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">${ENTITY_ID}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
    inner +
    `</samlp:Response>`
  );
}

/**
 * Signs the element with this ID (RSA-SHA256, exclusive c14n, enveloped), placing the signature
 * after its Issuer as SAML requires. `keyInfoCert` puts a certificate in KeyInfo, as many IdPs do.
 */
export function sign(xml: string, id: string, key = IDP_KEY, keyInfoCert?: string): string {
  const sig = new SignedXml({
    privateKey: key,
    publicCert: keyInfoCert,
    canonicalizationAlgorithm: EXC_C14N,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  });
  sig.addReference({
    xpath: `//*[@ID='${id}']`,
    transforms: [ENVELOPED, EXC_C14N],
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
  });
  sig.computeSignature(xml, { prefix: 'ds', location: { reference: `//*[@ID='${id}']/*[local-name(.)='Issuer']`, action: 'after' } });
  return sig.getSignedXml();
}

/** The ID attribute of the first element with this local name. */
export function idOf(xml: string, localName: 'Response' | 'Assertion'): string {
  const m = new RegExp(`<[a-z]+:${localName}\\b[^>]*\\bID="([^"]+)"`).exec(xml);
  if (!m) throw new Error(`no ${localName} ID`);
  return m[1]!;
}

/** A response whose Assertion is signed (the common IdP setting). */
export function signedAssertionResponse(o: AssertionOptions = {}, key = IDP_KEY, keyInfoCert?: string): string {
  const assertion = assertionXml(o);
  return responseXml(sign(assertion, idOf(assertion, 'Assertion'), key, keyInfoCert));
}

/** A response signed as a whole (its Assertion unsigned). */
export function signedResponse(o: AssertionOptions = {}, key = IDP_KEY): string {
  const response = responseXml(assertionXml(o));
  return sign(response, idOf(response, 'Response'), key);
}

/**
 * An EncryptedAssertion as IdPs write it (XML Encryption): the assertion under a fresh AES key
 * (GCM or CBC), that key under the service provider's RSA key with OAEP.
 */
export function encryptAssertion(assertion: string, cert = SP_CERT, mode: 'gcm' | 'cbc' = 'gcm'): string {
  const key = randomBytes(mode === 'gcm' ? 32 : 16);
  let data: Buffer;
  if (mode === 'gcm') {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    data = Buffer.concat([iv, cipher.update(assertion, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  } else {
    const iv = randomBytes(16);
    const cipher = createCipheriv('aes-128-cbc', key, iv);
    data = Buffer.concat([iv, cipher.update(assertion, 'utf8'), cipher.final()]);
  }
  const wrapped = publicEncrypt({ key: cert, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, key);
  const algorithm = mode === 'gcm' ? 'http://www.w3.org/2009/xmlenc11#aes256-gcm' : 'http://www.w3.org/2001/04/xmlenc#aes128-cbc';
  return (
    `<saml:EncryptedAssertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">` +
    `<xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#" Type="http://www.w3.org/2001/04/xmlenc#Element">` +
    `<xenc:EncryptionMethod Algorithm="${algorithm}"/>` +
    `<ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><xenc:EncryptedKey>` +
    `<xenc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p"><ds:DigestMethod Algorithm="http://www.w3.org/2000/09/xmldsig#sha1"/></xenc:EncryptionMethod>` +
    `<xenc:CipherData><xenc:CipherValue>${wrapped.toString('base64')}</xenc:CipherValue></xenc:CipherData></xenc:EncryptedKey></ds:KeyInfo>` +
    `<xenc:CipherData><xenc:CipherValue>${data.toString('base64')}</xenc:CipherValue></xenc:CipherData>` +
    `</xenc:EncryptedData></saml:EncryptedAssertion>`
  );
}

export const b64 = (xml: string) => Buffer.from(xml, 'utf8').toString('base64');
