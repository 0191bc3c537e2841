export { readToken, ACCEPTED_ALGORITHMS, CLOCK_SKEW_SECONDS, type UnverifiedToken } from './token-claims.js';
export { verifyWebIdentityToken, keySourceFor, BAD_SIGNATURE, ISSUER_TIMEOUT_MS, type VerifiedWebIdentity } from './verify-token.js';
export { OidcKeySource, NO_VERIFICATION_KEY, THUMBPRINT_MISMATCH } from './key-source.js';
export { webIdentityConditionKeys } from './condition-keys.js';
