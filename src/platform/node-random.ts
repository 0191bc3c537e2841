import { randomFillSync } from 'node:crypto';
import type { Random } from '../kernel/random.js';

/**
 * Cryptographically secure bytes from a pool refilled 8 KiB at a time: minting credentials takes
 * several small draws per request, and one large fill costs far less than many small ones.
 * Every byte is handed out once.
 */
const POOL_SIZE = 8192;
let pool = randomFillSync(Buffer.allocUnsafe(POOL_SIZE));
let offset = 0;

export const nodeRandom: Random = {
  bytes(length: number): Uint8Array {
    if (length > POOL_SIZE) return randomFillSync(Buffer.alloc(length));
    if (offset + length > POOL_SIZE) {
      pool = randomFillSync(Buffer.allocUnsafe(POOL_SIZE));
      offset = 0;
    }
    const out = Buffer.from(pool.subarray(offset, offset + length));
    offset += length;
    return out;
  },
};
