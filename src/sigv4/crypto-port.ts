/**
 * Hashing and HMAC as a port, so the verifier stays pure (no `node:*` imports) and can be tested
 * as plain functions. The Node implementation lives in `src/platform/node-sigv4-crypto.ts`.
 */
export interface SigV4Crypto {
  /** Lower-case hex SHA-256 of a UTF-8 string or of raw bytes. */
  sha256Hex(data: string | Uint8Array): string;
  /** HMAC-SHA256; a string key or data is taken as UTF-8. */
  hmacSha256(key: Uint8Array | string, data: string): Uint8Array;
  /** HMAC-SHA256 as lower-case hex: the last step of a signature, without a bytes→hex round trip. */
  hmacSha256Hex(key: Uint8Array, data: string): string;
  /**
   * Compares two hex strings in time that does not depend on where they differ. Strings of
   * different lengths are unequal (a length is not a secret: a SigV4 signature is 64 hex digits).
   */
  constantTimeEqualHex(a: string, b: string): boolean;
  /** HMAC-SHA1 as base64: S3's legacy (signature version 2) query authentication. */
  hmacSha1Base64(key: string, data: string): string;
}
