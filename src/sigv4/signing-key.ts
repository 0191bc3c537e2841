import type { SigV4Crypto } from './crypto-port.js';
import { SCOPE_TERMINATOR } from './canonical-request.js';

/** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
export function deriveSigningKey(
  crypto: SigV4Crypto,
  secretAccessKey: string,
  scopeDate: string,
  region: string,
  service: string,
): Uint8Array {
  const kDate = crypto.hmacSha256('AWS4' + secretAccessKey, scopeDate);
  const kRegion = crypto.hmacSha256(kDate, region);
  const kService = crypto.hmacSha256(kRegion, service);
  return crypto.hmacSha256(kService, SCOPE_TERMINATOR);
}

/**
 * Signing keys by (secret, date, region, service). A key is good for a whole UTC day, so a busy
 * client costs four HMACs once a day instead of on every request. Bounded: when full, the oldest
 * entry goes (insertion order), which keeps the hot path to one Map lookup.
 */
export class SigningKeyCache {
  private readonly keys = new Map<string, Uint8Array>();

  constructor(
    private readonly crypto: SigV4Crypto,
    readonly maxEntries = 1024,
  ) {
    if (!(maxEntries >= 0)) throw new RangeError('maxEntries must be >= 0');
  }

  get size(): number {
    return this.keys.size;
  }

  get(secretAccessKey: string, scopeDate: string, region: string, service: string): Uint8Array {
    // '\n' cannot occur in a date, region or service taken from a credential scope.
    const id = scopeDate + '\n' + region + '\n' + service + '\n' + secretAccessKey;
    const cached = this.keys.get(id);
    if (cached !== undefined) return cached;
    const key = deriveSigningKey(this.crypto, secretAccessKey, scopeDate, region, service);
    if (this.maxEntries === 0) return key;
    if (this.keys.size >= this.maxEntries) {
      const oldest = this.keys.keys().next();
      if (oldest.done !== true) this.keys.delete(oldest.value);
    }
    this.keys.set(id, key);
    return key;
  }

  clear(): void {
    this.keys.clear();
  }
}
