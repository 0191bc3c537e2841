/** SigV4, pure: parse what a request claims, then verify it against a secret and a time. */
export type { SigV4Crypto } from './crypto-port.js';
export type { SignedRequest } from './signed-request.js';
export { firstHeader } from './signed-request.js';
export { parseSigV4, MAX_PRESIGNED_EXPIRES_SECONDS, type ParsedSignature } from './parse.js';
export { SigV4Verifier, type SigV4VerifierOptions } from './verifier.js';
export { signRequest, presignRequest, type SignOptions, type SignResult, type SigningCredentials } from './sign.js';
export { SigningKeyCache, deriveSigningKey } from './signing-key.js';
export { ALGORITHM, buildCanonicalRequest, buildStringToSign, credentialScope, type CanonicalInput } from './canonical-request.js';
export { UNSIGNED_PAYLOAD, EMPTY_SHA256 } from './payload-hash.js';
export { formatAmzDate, parseAmzDate } from './amz-date.js';
export { wrongScopeService } from './sigv4-errors.js';
export { sigV2Matches } from './sigv2.js';
