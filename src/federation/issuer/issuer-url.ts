import { ISSUER_ALGORITHMS } from './signing-keys.js';

/**
 * An account's outbound issuer. AWS gives each account one, `https://<uuid>.tokens.sts.global.api.aws`,
 * which hosts `/.well-known/openid-configuration` and `/.well-known/jwks.json`. keysmith keeps that
 * identifier (stored at the first enable) as the account's issuer id; where keysmith is told its own
 * public URL (KEYSMITH_ISSUER_URL), the issuer becomes a URL keysmith serves itself:
 * `<KEYSMITH_ISSUER_URL>/_keysmith/issuer/<uuid>`, so verifiers can fetch discovery and keys from it.
 */
export const ISSUER_PATH_PREFIX = '/_keysmith/issuer/';

const AWS_FORM = /^https:\/\/([0-9a-f-]{36})\.tokens\.sts\.global\.api\.aws$/;

/** The uuid of the stored (AWS-form) issuer identifier. */
export function issuerUuid(storedIdentifier: string): string | undefined {
  return AWS_FORM.exec(storedIdentifier)?.[1];
}

/** The issuer URL tokens carry and GetOutboundWebIdentityFederationInfo reports. */
export function issuerUrl(storedIdentifier: string, publicBaseUrl: string | undefined): string {
  const uuid = issuerUuid(storedIdentifier);
  if (publicBaseUrl === undefined || uuid === undefined) return storedIdentifier;
  return `${publicBaseUrl.replace(/\/+$/, '')}${ISSUER_PATH_PREFIX}${uuid}`;
}

/** The discovery document (OpenID Connect Discovery 1.0, §3) of an issuer that only signs ID-token-like JWTs. */
export function discoveryDocument(issuer: string): Record<string, unknown> {
  return {
    issuer,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    response_types_supported: ['id_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: [...ISSUER_ALGORITHMS],
    claims_supported: ['iss', 'sub', 'aud', 'iat', 'exp', 'jti', 'https://sts.amazonaws.com/'],
  };
}
