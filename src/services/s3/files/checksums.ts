import { createHash, type Hash } from 'node:crypto';
import { crc32 } from 'node:zlib';

/**
 * The additional checksums S3 accepts (`x-amz-checksum-<algorithm>`, header or trailer), computed
 * incrementally while an upload streams. Values are base64 of the big-endian digest.
 */
export const CHECKSUM_ALGORITHMS = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

export interface Checksummer {
  update(data: Uint8Array): void;
  digestBase64(): string;
}

export function checksumAlgorithmOf(name: string): ChecksumAlgorithm | undefined {
  const upper = name.toUpperCase();
  return (CHECKSUM_ALGORITHMS as readonly string[]).includes(upper) ? (upper as ChecksumAlgorithm) : undefined;
}

export function checksumHeader(algorithm: ChecksumAlgorithm): string {
  return `x-amz-checksum-${algorithm.toLowerCase()}`;
}

/** Digest length in bytes: a value of another length is malformed, not merely wrong. */
export const CHECKSUM_BYTES: Record<ChecksumAlgorithm, number> = { CRC32: 4, CRC32C: 4, CRC64NVME: 8, SHA1: 20, SHA256: 32 };

export function newChecksummer(algorithm: ChecksumAlgorithm): Checksummer {
  switch (algorithm) {
    case 'CRC32':
      return new Crc32();
    case 'CRC32C':
      return new Crc32c();
    case 'CRC64NVME':
      return new Crc64Nvme();
    case 'SHA1':
      return new Digest(createHash('sha1'));
    case 'SHA256':
      return new Digest(createHash('sha256'));
  }
}

class Digest implements Checksummer {
  constructor(private readonly hash: Hash) {}
  update(data: Uint8Array): void {
    this.hash.update(data);
  }
  digestBase64(): string {
    return this.hash.digest('base64');
  }
}

function u32Base64(value: number): string {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(value >>> 0);
  return b.toString('base64');
}

class Crc32 implements Checksummer {
  private value = 0;
  update(data: Uint8Array): void {
    this.value = crc32(data, this.value);
  }
  digestBase64(): string {
    return u32Base64(this.value);
  }
}

/** CRC-32C (Castagnoli), reflected polynomial 0x82F63B78. */
const CRC32C_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

class Crc32c implements Checksummer {
  private crc = 0xffffffff;
  update(data: Uint8Array): void {
    let c = this.crc;
    for (let i = 0; i < data.length; i++) c = CRC32C_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
    this.crc = c >>> 0;
  }
  digestBase64(): string {
    return u32Base64(this.crc ^ 0xffffffff);
  }
}

/** CRC-64/NVME, reflected polynomial 0x9A6C9329AC4BC9B5, kept as two 32-bit halves. */
const CRC64_TABLES = (() => {
  const lo = new Uint32Array(256);
  const hi = new Uint32Array(256);
  const POLY_LO = 0xac4bc9b5;
  const POLY_HI = 0x9a6c9329;
  for (let n = 0; n < 256; n++) {
    let l = n;
    let h = 0;
    for (let k = 0; k < 8; k++) {
      const bit = l & 1;
      l = ((l >>> 1) | ((h & 1) << 31)) >>> 0;
      h = h >>> 1;
      if (bit) {
        l = (l ^ POLY_LO) >>> 0;
        h = (h ^ POLY_HI) >>> 0;
      }
    }
    lo[n] = l;
    hi[n] = h;
  }
  return { lo, hi };
})();

class Crc64Nvme implements Checksummer {
  private lo = 0xffffffff;
  private hi = 0xffffffff;
  update(data: Uint8Array): void {
    let l = this.lo;
    let h = this.hi;
    const { lo, hi } = CRC64_TABLES;
    for (let i = 0; i < data.length; i++) {
      const idx = (l ^ data[i]!) & 0xff;
      l = (((l >>> 8) | ((h & 0xff) << 24)) ^ lo[idx]!) >>> 0;
      h = ((h >>> 8) ^ hi[idx]!) >>> 0;
    }
    this.lo = l;
    this.hi = h;
  }
  digestBase64(): string {
    const b = Buffer.alloc(8);
    b.writeUInt32BE((this.hi ^ 0xffffffff) >>> 0, 0);
    b.writeUInt32BE((this.lo ^ 0xffffffff) >>> 0, 4);
    return b.toString('base64');
  }
}
