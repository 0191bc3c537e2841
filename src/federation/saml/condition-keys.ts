import { createHash } from 'node:crypto';
import type { SamlSignIn } from './read-assertion.js';

const NAMEID_PREFIX = 'urn:oasis:names:tc:SAML:2.0:nameid-format:';

/**
 * SubjectType / saml:sub_type: the NameID Format with SAML 2.0's `…:nameid-format:` prefix
 * removed (`persistent`, `transient`); any other format as given (STS API reference).
 */
export function subjectTypeOf(format: string): string {
  return format.startsWith(NAMEID_PREFIX) ? format.slice(NAMEID_PREFIX.length) : format;
}

/**
 * NameQualifier / saml:namequalifier: BASE64(SHA1(Issuer + account id + "/" + provider name)),
 * as the IAM User Guide documents it ("Uniquely identifying users in SAML-based federation").
 */
export function nameQualifierOf(issuer: string, accountId: string, providerName: string): string {
  return createHash('sha1').update(`${issuer}${accountId}/${providerName}`, 'utf8').digest('base64');
}

/**
 * Attributes that become `saml:` keys, by Name (IAM UG "Mapping SAML attributes to AWS trust
 * policy context keys"): eduPerson / eduOrg, Active Directory and X.500 attributes (an OID with
 * or without `urn:oid:`). `list`
 * keys take every value; the others the first (AWS maps one claim per key).
 */
const MAPPED: readonly [name: string, key: string, list: boolean][] = [
  ['urn:oid:1.3.6.1.4.1.5923.1.1.1.1', 'saml:edupersonaffiliation', true],
  ['urn:oid:1.3.6.1.4.1.5923.1.1.1.2', 'saml:edupersonnickname', true],
  ['urn:oid:1.3.6.1.4.1.5923.1.1.1.3', 'saml:edupersonorgdn', false],
  ['urn:oid:1.3.6.1.4.1.5923.1.1.1.4', 'saml:edupersonorgunitdn', true],
  ['urn:oid:1.3.6.1.4.1.5923.1.1.1.5', 'saml:edupersonprimaryaffiliation', false],
  ['urn:oid:1.3.6.1.4.1.5923.1.1.1.6', 'saml:edupersonprincipalname', false],
  ['urn:oid:1.3.6.1.4.1.5923.1.1.1.7', 'saml:edupersonentitlement', true],
  ['urn:oid:1.3.6.1.4.1.5923.1.1.1.8', 'saml:edupersonprimaryorgunitdn', false],
  ['urn:oid:1.3.6.1.4.1.5923.1.1.1.9', 'saml:edupersonscopedaffiliation', true],
  ['urn:oid:1.3.6.1.4.1.5923.1.1.1.10', 'saml:edupersontargetedid', true],
  ['urn:oid:1.3.6.1.4.1.5923.1.1.1.11', 'saml:edupersonassurance', true],
  ['urn:oid:1.3.6.1.4.1.5923.1.2.1.2', 'saml:eduorghomepageuri', true],
  ['urn:oid:1.3.6.1.4.1.5923.1.2.1.3', 'saml:eduorgidentityauthnpolicyuri', true],
  ['urn:oid:1.3.6.1.4.1.5923.1.2.1.4', 'saml:eduorglegalname', true],
  ['urn:oid:1.3.6.1.4.1.5923.1.2.1.5', 'saml:eduorgsuperioruri', true],
  ['urn:oid:1.3.6.1.4.1.5923.1.2.1.6', 'saml:eduorgwhitepagesuri', true],
  ['urn:oid:2.5.4.3', 'saml:cn', true],
  ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name', 'saml:name', false],
  ['http://schemas.xmlsoap.org/claims/CommonName', 'saml:commonName', false],
  ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname', 'saml:givenName', false],
  ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname', 'saml:surname', false],
  ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress', 'saml:mail', false],
  ['http://schemas.microsoft.com/ws/2008/06/identity/claims/primarygroupsid', 'saml:primaryGroupSID', false],
  ['urn:oid:2.5.4.4', 'saml:surname', false],
  ['urn:oid:2.5.4.42', 'saml:givenName', false],
  ['urn:oid:2.5.4.45', 'saml:x500UniqueIdentifier', false],
  ['urn:oid:0.9.2342.19200300.100.1.1', 'saml:uid', false],
  ['urn:oid:0.9.2342.19200300.100.1.3', 'saml:mail', false],
  ['urn:oid:0.9.2342.19200300.100.1.45', 'saml:organizationStatus', false],
];

/**
 * The `saml:` keys a role's trust policy sees for this sign-in: saml:aud (the Recipient, not the
 * Audience, as AWS documents), saml:iss, saml:sub, saml:sub_type, saml:namequalifier, saml:doc
 * (`<account>/<provider name>`) and the mapped attributes that the assertion carries.
 */
export function samlConditionKeys(
  signIn: SamlSignIn,
  provider: { accountId: string; name: string },
): Record<string, string | readonly string[]> {
  const keys: Record<string, string | readonly string[]> = {
    'saml:aud': signIn.recipient,
    'saml:iss': signIn.issuer,
    'saml:sub': signIn.subject,
    'saml:sub_type': subjectTypeOf(signIn.subjectFormat),
    'saml:namequalifier': nameQualifierOf(signIn.issuer, provider.accountId, provider.name),
    'saml:doc': `${provider.accountId}/${provider.name}`,
  };
  for (const [name, key, list] of MAPPED) {
    const values = signIn.attributes.get(name) ?? signIn.attributes.get(name.replace(/^urn:oid:/, ''));
    if (values === undefined || values.length === 0 || keys[key] !== undefined) continue;
    keys[key] = list ? [...values] : values[0]!;
  }
  return keys;
}
