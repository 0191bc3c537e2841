import type { Element } from '@xmldom/xmldom';
import { decryptAssertion } from './decrypt-assertion.js';
import { childElements, parseSamlResponse, parseSamlXml, SAML_NS } from './parse-response.js';
import { checkResponse, readAssertion, type SamlSignIn } from './read-assertion.js';
import { badSignature, invalidSaml } from './saml-errors.js';
import { type SignedParts, verifySignatures } from './verify-signature.js';

/** What keysmith trusts of a registered SAML provider. */
export interface SamlTrust {
  entityId: string;
  /** PEM certificates from the provider's metadata: the only keys a signature may verify with. */
  signingCertificates: readonly string[];
  /** The provider's SAMLProviderUUID: AWS's per-provider endpoint `…/saml/acs/<uuid>`. */
  uuid?: string;
  /** PEM private keys for encrypted assertions (AddPrivateKey), newest last. */
  privateKeys?: readonly string[];
  /** AssertionEncryptionMode `Required`: a plain assertion is refused. */
  encryptionRequired?: boolean;
}

/**
 * AWS's sign-in endpoints, the Recipient (and Destination) a response for AWS carries:
 * `https://signin.aws.amazon.com/saml`, its `static/saml` form, the regional ones
 * (`https://us-east-1.signin.aws.amazon.com/saml`), and the per-provider `…/saml/acs/<uuid>`.
 */
export function isAwsSignInEndpoint(url: string, uuid?: string): boolean {
  const m = /^https:\/\/(?:[a-z0-9-]+\.)?signin\.aws\.amazon\.com\/(?:static\/)?saml(?:\/acs\/([A-Za-z0-9]+))?$/.exec(url);
  return m !== null && (m[1] === undefined || m[1] === uuid);
}

/** The Audience values AWS accepts: its sign-in endpoints and `urn:amazon:webservices`. */
export function isAwsAudience(value: string, uuid?: string): boolean {
  return value === 'urn:amazon:webservices' || isAwsSignInEndpoint(value, uuid);
}

/**
 * Verifies a base64 SAML 2.0 Response for AssumeRoleWithSAML and returns the sign-in it proves:
 * parsed without DTDs or processing instructions, its signatures (on the Response, the Assertion,
 * or both) checked against the provider's registered certificates only, exactly one Assertion
 * (decrypted with the provider's private keys when encrypted), read from the signed bytes, held
 * to the issuer, audience, recipient and time rules.
 * Throws AWS's errors (InvalidIdentityToken, ExpiredTokenException, IDPRejectedClaim, AccessDenied).
 */
export function verifySamlResponse(samlAssertion: string, trust: SamlTrust, now: number): SamlSignIn {
  const parsed = parseSamlResponse(samlAssertion);
  // Exactly one assertion, plain or encrypted: a second one, signed or not, is how signature wrapping hides.
  const plain = childElements(parsed.root, SAML_NS.assertion, 'Assertion');
  const encrypted = childElements(parsed.root, SAML_NS.assertion, 'EncryptedAssertion');
  if (plain.length + encrypted.length !== 1) throw badSignature(`the response has ${plain.length + encrypted.length} assertions, not one`);
  if (trust.encryptionRequired === true && encrypted.length === 0) {
    throw invalidSaml('Invalid SAML response: the SAML provider requires encrypted assertions', 'unencrypted assertion');
  }
  const signed = verifySignatures(parsed, trust.signingCertificates);
  const rules = {
    entityId: trust.entityId,
    now,
    isEndpoint: (url: string) => isAwsSignInEndpoint(url, trust.uuid),
    isAudience: (value: string) => isAwsAudience(value, trust.uuid),
  };
  const assertion = encrypted.length > 0 ? decrypted(parsed.root, signed, trust) : signedAssertion(signed);
  if (!assertion) throw badSignature('neither the response nor its assertion is signed');
  checkResponse(signed.response ?? parsed.root, rules);
  return readAssertion(assertion, rules);
}

/** The plain assertion as signed: its own signed bytes, or the signed Response's one Assertion. */
function signedAssertion(signed: SignedParts): Element | undefined {
  if (signed.response) {
    const inSigned = childElements(signed.response, SAML_NS.assertion, 'Assertion');
    if (inSigned.length !== 1) throw badSignature('the signed response does not hold exactly one assertion');
    return signed.assertion ?? inSigned[0];
  }
  return signed.assertion;
}

/**
 * The encrypted assertion, decrypted with the provider's private keys: trusted when the Response
 * signature covers the EncryptedAssertion (it is decrypted from the signed bytes), or when the
 * decrypted Assertion carries its own signature that holds.
 */
function decrypted(root: Element, signed: SignedParts, trust: SamlTrust): Element | undefined {
  const keys = trust.privateKeys ?? [];
  if (keys.length === 0)
    throw invalidSaml('Invalid SAML response: the assertion is encrypted but the SAML provider has no private key', 'no key');
  const source = signed.response ?? root;
  const encrypted = childElements(source, SAML_NS.assertion, 'EncryptedAssertion');
  if (encrypted.length !== 1) throw badSignature('the signed response does not hold exactly one encrypted assertion');
  const inner = parseSamlXml(decryptAssertion(encrypted[0]!, keys), SAML_NS.assertion, 'Assertion', NOT_AN_ASSERTION);
  const innerSigned = verifySignatures(inner, trust.signingCertificates);
  return innerSigned.response ?? (signed.response ? inner.root : undefined);
}

const NOT_AN_ASSERTION = 'Invalid SAML response: the decrypted content is not a SAML 2.0 Assertion';
