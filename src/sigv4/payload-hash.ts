import type { SigV4Crypto } from './crypto-port.js';
import { firstHeader, type SignedRequest } from './signed-request.js';
import { usesSingleEncodedPath } from './canonical-uri.js';
import { signatureDoesNotMatch } from './sigv4-errors.js';

export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
/** SHA-256 of the empty string: most GET requests, and spares a hash call. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
export const CONTENT_SHA256_HEADER = 'x-amz-content-sha256';
const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

/** `UNSIGNED-PAYLOAD` and the `STREAMING-…` chunked-upload markers stand in for a body hash. */
export function isPayloadLiteral(value: string): boolean {
  return value === UNSIGNED_PAYLOAD || value.startsWith('STREAMING-');
}

export function bodySha256(body: Uint8Array, crypto: SigV4Crypto): string {
  return body.length === 0 ? EMPTY_SHA256 : crypto.sha256Hex(body);
}

/**
 * The HashedPayload line of the canonical request.
 *
 * - `x-amz-content-sha256` present: its value, verbatim. A literal (`UNSIGNED-PAYLOAD`,
 *   `STREAMING-…`) is accepted only for services in `literalServices` (by default just S3: for the
 *   Query-protocol services the body *is* the operation and its parameters, so leaving it unsigned
 *   would let anyone who sees a request change what it does). Any other value must be the body's
 *   SHA-256.
 * - absent, presigned S3 URL: `UNSIGNED-PAYLOAD` (a URL cannot know its body).
 * - absent otherwise: the body's SHA-256.
 */
export function resolvePayloadHash(
  request: SignedRequest,
  service: string,
  presigned: boolean,
  crypto: SigV4Crypto,
  literalServices: ReadonlySet<string>,
): string {
  const declared = firstHeader(request, CONTENT_SHA256_HEADER);
  if (declared === undefined) {
    if (presigned && usesSingleEncodedPath(service)) return UNSIGNED_PAYLOAD;
    // A streamed body was not hashed: without a declared hash there is nothing to sign it with.
    if (request.bodyStreamed === true) throw signatureDoesNotMatch('streamed body without x-amz-content-sha256');
    return bodySha256(request.body, crypto);
  }
  if (isPayloadLiteral(declared)) {
    if (!literalServices.has(service)) {
      throw signatureDoesNotMatch(`x-amz-content-sha256 '${declared}' is not accepted for service '${service}'`);
    }
    return declared;
  }
  if (request.bodyStreamed === true) {
    // Not hashed here: the pipeline checks the streamed bytes against this value.
    if (!SHA256_HEX.test(declared)) throw signatureDoesNotMatch(`x-amz-content-sha256 '${declared}' is not a SHA-256`);
    return declared;
  }
  const actual = bodySha256(request.body, crypto);
  if (declared.toLowerCase() !== actual) {
    throw signatureDoesNotMatch(`x-amz-content-sha256 '${declared}' does not match the body's SHA-256 '${actual}'`);
  }
  return declared;
}
