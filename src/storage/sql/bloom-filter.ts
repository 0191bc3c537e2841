/**
 * A Bloom filter over strings, kept as base64 text (both databases store it as TEXT): "is this
 * value possibly in the set?" with no false negatives and about 1 % false positives at 10 bits per
 * value. The audit log keeps one per written batch of events, so that a LookupEvents attribute
 * query reads only the batches that may hold its value — an index built once per batch instead of
 * a B-tree entry per event and attribute (resource names such as the access key an AssumeRole
 * issued are nearly unique, and inserting them at random places was most of an event's cost).
 */
export class BloomFilter {
  private constructor(
    private readonly bits: Uint8Array,
    private readonly hashes: number,
  ) {}

  /** Sized for `count` values (at least 64 bits), 7 hashes: ~1 % false positives at capacity. */
  static forCount(count: number): BloomFilter {
    const bytes = Math.max(8, Math.ceil((Math.max(1, count) * BITS_PER_VALUE) / 8));
    return new BloomFilter(new Uint8Array(bytes), HASHES);
  }

  /** A filter written by `toText`; undefined for text that is not one. */
  static fromText(text: string): BloomFilter | undefined {
    const bytes = Buffer.from(text, 'base64');
    if (bytes.length < 9) return undefined;
    return new BloomFilter(new Uint8Array(bytes.subarray(1)), bytes[0]!);
  }

  add(value: string): void {
    const size = this.bits.length * 8;
    const [h1, h2] = hashPair(value);
    for (let i = 0; i < this.hashes; i += 1) {
      const bit = (h1 + i * h2) % size;
      this.bits[bit >>> 3]! |= 1 << (bit & 7);
    }
  }

  mayHave(value: string): boolean {
    const size = this.bits.length * 8;
    const [h1, h2] = hashPair(value);
    for (let i = 0; i < this.hashes; i += 1) {
      const bit = (h1 + i * h2) % size;
      if ((this.bits[bit >>> 3]! & (1 << (bit & 7))) === 0) return false;
    }
    return true;
  }

  /** The hash count, then the bits. */
  toText(): string {
    const out = Buffer.allocUnsafe(this.bits.length + 1);
    out[0] = this.hashes;
    out.set(this.bits, 1);
    return out.toString('base64');
  }
}

const BITS_PER_VALUE = 10;
const HASHES = 7;

/**
 * Two independent 32-bit hashes (FNV-1a over UTF-16 code units, the second with another basis and
 * a final mix) for double hashing: bit i = h1 + i·h2. h2 is odd, so the probes never repeat early.
 */
function hashPair(value: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ value.length;
  for (let i = 0; i < value.length; i += 1) {
    const c = value.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  b ^= b >>> 13;
  b = Math.imul(b, 0xc2b2ae35);
  b ^= b >>> 16;
  return [a >>> 0, (b | 1) >>> 0];
}
