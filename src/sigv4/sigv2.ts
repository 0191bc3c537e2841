import type { SigV4Crypto } from './crypto-port.js';

/**
 * Signature version 2, beside SigV4 for the one place AWS still accepts it here: S3's legacy
 * presigned URLs. The string to sign is the REST-XML codec's (src/protocol/rest-xml/sigv2-query.ts);
 * this compares the base64 HMAC-SHA1 in constant time.
 */
export function sigV2Matches(crypto: SigV4Crypto, secretAccessKey: string, stringToSign: string, signature: string): boolean {
  return crypto.constantTimeEqualHex(crypto.hmacSha1Base64(secretAccessKey, stringToSign), signature);
}
