import { performance } from 'node:perf_hooks';
import { LeanQuerySigner } from './lean-query-signer.js';
import type { Credentials, QueryTemplate } from './sign-query.js';
import type { SigningMode } from './worker-protocol.js';

/** One signed request: its headers (for node:http) and, built on first use, its bytes (for the lean client). */
export interface SignedQuery {
  headers: Record<string, string>;
  wire?: Buffer;
}

/** A pool's signatures are re-made this often, so that none nears SigV4's 15-minute skew limit. */
const POOL_REFRESH_MS = 60_000;
/** The pool's dates go back one second apiece, so this many still leaves minutes of margin. */
export const MAX_POOL_SIZE = 600;

/**
 * Signs a Query template in the load worker's chosen mode (with the lean SigV4 signer, checked
 * against keysmith's own at start) and keeps the cost of signing, which is client CPU:
 * - `fresh`: every request signed just before it is sent, as an SDK does;
 * - `per-second`: one signature per wall-clock second, reused (X-Amz-Date has one-second
 *   resolution, so the bytes are what a client signing fresh would send within that second);
 * - `pool`: `poolSize` requests signed up front with dates one second apart (so all differ), sent
 *   in turn and re-signed once a minute — the least client CPU, with distinct signatures.
 */
export class RequestSigner {
  signatures = 0;
  private spentMs = 0;
  private cachedSecond = -1;
  private cached: SignedQuery | undefined;
  private pool: SignedQuery[] = [];
  private poolSignedAt = 0;
  private poolNext = 0;
  private readonly signer: LeanQuerySigner;

  constructor(
    template: QueryTemplate,
    credentials: Credentials,
    private readonly mode: SigningMode,
    private readonly poolSize = 128,
  ) {
    this.signer = new LeanQuerySigner(template, credentials);
    // Untimed: the first calls pay for lazy crypto set-up and cold code, not for signing.
    for (let i = 0; i < 200; i++) this.signer.sign(Date.now());
    if (mode === 'pool') this.refillPool(Date.now());
  }

  next(): SignedQuery {
    const now = Date.now();
    switch (this.mode) {
      case 'fresh':
        return this.sign(now);
      case 'per-second': {
        const second = Math.floor(now / 1000);
        if (second !== this.cachedSecond || this.cached === undefined) {
          this.cachedSecond = second;
          this.cached = this.sign(now);
        }
        return this.cached;
      }
      case 'pool': {
        if (now - this.poolSignedAt >= POOL_REFRESH_MS) this.refillPool(now);
        const signed = this.pool[this.poolNext]!;
        this.poolNext = (this.poolNext + 1) % this.pool.length;
        return signed;
      }
    }
  }

  meanMicros(): number {
    return this.signatures === 0 ? 0 : (this.spentMs * 1000) / this.signatures;
  }

  private sign(nowMs: number): SignedQuery {
    const t0 = performance.now();
    const headers = this.signer.sign(nowMs);
    this.spentMs += performance.now() - t0;
    this.signatures++;
    return { headers };
  }

  private refillPool(now: number): void {
    const size = Math.max(1, Math.min(this.poolSize, MAX_POOL_SIZE));
    this.pool = Array.from({ length: size }, (_, i) => this.sign(now - i * 1000));
    this.poolSignedAt = now;
    this.poolNext = 0;
  }
}

/**
 * The bytes of one HTTP/1.1 request, head and body in one buffer (one write, one segment). The
 * request line and Content-Length are the template's; the signed headers come from the signer.
 */
export function wireBytes(template: QueryTemplate, signed: SignedQuery, bodyLength: number): Buffer {
  if (signed.wire !== undefined) return signed.wire;
  const method = template.method ?? 'POST';
  let head = `${method} ${template.path} HTTP/1.1\r\n`;
  for (const name in signed.headers) head += `${name}: ${signed.headers[name]}\r\n`;
  head += method === 'GET' ? '\r\n' : `content-length: ${bodyLength}\r\n\r\n`;
  // The form body is ASCII (URL-encoded), the S3 bench object too, so latin1 is exact and the cheapest encoding.
  signed.wire = Buffer.from(head + template.body, 'latin1');
  return signed.wire;
}
