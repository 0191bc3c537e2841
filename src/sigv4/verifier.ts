import type { SigV4Crypto } from './crypto-port.js';
import type { SignedRequest } from './signed-request.js';
import type { ParsedSignature } from './parse.js';
import { buildCanonicalRequest, buildStringToSign } from './canonical-request.js';
import { resolvePayloadHash } from './payload-hash.js';
import { SigningKeyCache } from './signing-key.js';
import { parseAmzDate } from './amz-date.js';
import { presignedUrlExpired, signatureDoesNotMatch, signatureExpired, signatureNotYetCurrent } from './sigv4-errors.js';

export interface SigV4VerifierOptions {
  crypto: SigV4Crypto;
  /** How many signing keys to keep (default 1024). */
  keyCacheSize?: number;
  /** Allowed clock skew either way, in ms (default 15 minutes, as AWS). */
  maxSkewMs?: number;
  /**
   * Services for which `x-amz-content-sha256: UNSIGNED-PAYLOAD` / `STREAMING-…` is accepted
   * (default: s3 only). See `resolvePayloadHash`.
   */
  unsignedPayloadServices?: readonly string[];
}

const FIFTEEN_MINUTES_MS = 15 * 60 * 1000;
const HEX_SIGNATURE = /^[0-9a-f]{64}$/;

/**
 * Step two of SigV4 authentication: given the secret that belongs to `parsed.accessKeyId`, checks
 * the request date against the injected `nowMs` and recomputes the signature. Pure: time and
 * hashing come in from outside; the only state is the bounded signing-key cache.
 */
export class SigV4Verifier {
  private readonly crypto: SigV4Crypto;
  private readonly keys: SigningKeyCache;
  private readonly maxSkewMs: number;
  private readonly literalPayloadServices: ReadonlySet<string>;
  // Requests in the same second carry the same X-Amz-Date: remember the last one parsed.
  private lastAmzDate = '';
  private lastAmzDateMs: number | undefined;

  constructor(options: SigV4VerifierOptions) {
    this.crypto = options.crypto;
    this.keys = new SigningKeyCache(options.crypto, options.keyCacheSize ?? 1024);
    this.maxSkewMs = options.maxSkewMs ?? FIFTEEN_MINUTES_MS;
    this.literalPayloadServices = new Set(options.unsignedPayloadServices ?? ['s3']);
  }

  /** The signing-key cache, for inspection (tests, metrics). */
  get keyCache(): SigningKeyCache {
    return this.keys;
  }

  /**
   * Returns normally when the signature is right and the request is within its time window.
   * Throws RequestExpired (clock skew, or a presigned URL past X-Amz-Expires) or
   * SignatureDoesNotMatch.
   */
  verify(request: SignedRequest, parsed: ParsedSignature, secretAccessKey: string, nowMs: number): void {
    this.checkTime(parsed, nowMs);
    const stringToSign = this.stringToSign(request, parsed);
    if (stringToSign === undefined) {
      throw signatureDoesNotMatch('a header listed in SignedHeaders is not in the request');
    }
    const key = this.keys.get(secretAccessKey, parsed.scopeDate, parsed.region, parsed.service);
    const expected = this.crypto.hmacSha256Hex(key, stringToSign);
    // Only the comparison with the secret-derived value must be constant-time; the shape check
    // looks at the caller's own input.
    if (!HEX_SIGNATURE.test(parsed.signature) || !this.crypto.constantTimeEqualHex(expected, parsed.signature)) {
      throw signatureDoesNotMatch(`signature mismatch for access key ${parsed.accessKeyId}`);
    }
  }

  /** The canonical request for `request` as `parsed` describes it (undefined: signed header missing). */
  canonicalRequest(request: SignedRequest, parsed: ParsedSignature): string | undefined {
    return buildCanonicalRequest({
      method: request.method,
      rawPath: request.rawPath,
      rawQuery: request.rawQuery,
      headers: request.headers,
      service: parsed.service,
      signedHeaders: parsed.signedHeaders,
      payloadHash: resolvePayloadHash(request, parsed.service, parsed.presigned, this.crypto, this.literalPayloadServices),
      presigned: parsed.presigned,
    });
  }

  /** The string to sign (undefined: signed header missing). */
  stringToSign(request: SignedRequest, parsed: ParsedSignature): string | undefined {
    const canonical = this.canonicalRequest(request, parsed);
    if (canonical === undefined) return undefined;
    return buildStringToSign(parsed.amzDate, parsed.scope, this.crypto.sha256Hex(canonical));
  }

  /** Scope date, clock skew and presigned expiry. */
  private checkTime(parsed: ParsedSignature, nowMs: number): void {
    const { amzDate } = parsed;
    if (parsed.scopeDate !== amzDate.slice(0, 8)) {
      throw signatureDoesNotMatch(
        'credential scope date differs from the request date',
        `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: ` +
          `'${parsed.scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
      );
    }
    if (amzDate !== this.lastAmzDate) {
      this.lastAmzDateMs = parseAmzDate(amzDate);
      this.lastAmzDate = amzDate;
    }
    const requestMs = this.lastAmzDateMs;
    if (requestMs === undefined) throw signatureDoesNotMatch(`unreadable request date '${amzDate}'`);
    if (requestMs > nowMs + this.maxSkewMs) throw signatureNotYetCurrent(amzDate, nowMs, this.maxSkewMs);
    if (parsed.presigned) {
      const expiresMs = (parsed.expiresSeconds ?? 0) * 1000;
      if (nowMs > requestMs + expiresMs) {
        throw presignedUrlExpired(`presigned at ${amzDate} for ${parsed.expiresSeconds ?? 0}s`);
      }
    } else if (requestMs < nowMs - this.maxSkewMs) {
      throw signatureExpired(amzDate, nowMs, this.maxSkewMs);
    }
  }
}
