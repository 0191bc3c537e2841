import { canonicalUri } from './canonical-uri.js';
import { canonicalQuery } from './canonical-query.js';
import { canonicalHeaders } from './canonical-headers.js';

export const ALGORITHM = 'AWS4-HMAC-SHA256';
export const SCOPE_TERMINATOR = 'aws4_request';

/** Everything the canonical request is built from; shared by the verifier and the signer. */
export interface CanonicalInput {
  method: string;
  rawPath: string;
  rawQuery: string;
  headers: Record<string, string[]>;
  service: string;
  /** Lower-case names in the order the client listed them. */
  signedHeaders: readonly string[];
  payloadHash: string;
  /** Presigned URL: X-Amz-Signature is left out of the canonical query. */
  presigned: boolean;
}

/**
 * The canonical request (AWS SigV4, step 1):
 * Method \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n HashedPayload.
 * Undefined when a signed header is missing from the request.
 */
export function buildCanonicalRequest(input: CanonicalInput): string | undefined {
  const headerBlock = canonicalHeaders(input.headers, input.signedHeaders);
  if (headerBlock === undefined) return undefined;
  return (
    input.method +
    '\n' +
    canonicalUri(input.rawPath, input.service) +
    '\n' +
    canonicalQuery(input.rawQuery, input.presigned) +
    '\n' +
    headerBlock +
    '\n' +
    input.signedHeaders.join(';') +
    '\n' +
    input.payloadHash
  );
}

export function credentialScope(scopeDate: string, region: string, service: string): string {
  return scopeDate + '/' + region + '/' + service + '/' + SCOPE_TERMINATOR;
}

/** The string to sign (step 2): algorithm, request date, credential scope, hash of step 1. */
export function buildStringToSign(amzDate: string, scope: string, canonicalRequestSha256: string): string {
  return ALGORITHM + '\n' + amzDate + '\n' + scope + '\n' + canonicalRequestSha256;
}
