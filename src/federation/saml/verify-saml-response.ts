import { parseSamlResponse, childElements, SAML_NS } from './parse-response.js';
import { checkResponse, readAssertion, type SamlSignIn } from './read-assertion.js';
import { badSignature, invalidSaml } from './saml-errors.js';
import { verifySignatures } from './verify-signature.js';

/** What keysmith trusts of a registered SAML provider. */
export interface SamlTrust {
  entityId: string;
  /** PEM certificates from the provider's metadata: the only keys a signature may verify with. */
  signingCertificates: readonly string[];
  /** The provider's SAMLProviderUUID: AWS's per-provider endpoint `…/saml/acs/<uuid>`. */
  uuid?: string;
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
 * or both) checked against the provider's registered certificates only, exactly one Assertion,
 * read from the signed bytes, held to the issuer, audience, recipient and time rules.
 * Throws AWS's errors (InvalidIdentityToken, ExpiredTokenException, IDPRejectedClaim, AccessDenied).
 */
export function verifySamlResponse(samlAssertion: string, trust: SamlTrust, now: number): SamlSignIn {
  const parsed = parseSamlResponse(samlAssertion);
  if (childElements(parsed.root, SAML_NS.assertion, 'EncryptedAssertion').length > 0) {
    throw invalidSaml('Invalid SAML response: encrypted assertions are not supported by keysmith yet', 'EncryptedAssertion');
  }
  const signed = verifySignatures(parsed, trust.signingCertificates);
  const rules = {
    entityId: trust.entityId,
    now,
    isEndpoint: (url: string) => isAwsSignInEndpoint(url, trust.uuid),
    isAudience: (value: string) => isAwsAudience(value, trust.uuid),
  };
  checkResponse(signed.response ?? parsed.root, rules);
  // Exactly one Assertion: a second one, signed or not, is how signature wrapping hides.
  const received = childElements(parsed.root, SAML_NS.assertion, 'Assertion');
  if (received.length !== 1) throw badSignature(`the response has ${received.length} assertions, not one`);
  let assertion = signed.assertion;
  if (signed.response) {
    const inSigned = childElements(signed.response, SAML_NS.assertion, 'Assertion');
    if (inSigned.length !== 1) throw badSignature('the signed response does not hold exactly one assertion');
    assertion ??= inSigned[0];
  }
  if (!assertion) throw badSignature('neither the response nor its assertion is signed');
  return readAssertion(assertion, rules);
}
