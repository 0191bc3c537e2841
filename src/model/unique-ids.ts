import type { Random } from '../kernel/random.js';

/**
 * AWS-shaped identifiers. Access key ids are 4 + 16 characters, unique ids 4 + 17, in the RFC 4648
 * base32 alphabet, and both carry the account id in their first bytes (top bit set, account << 7,
 * 7 random bits) — so GetAccessKeyInfo can answer from the key id alone, as AWS does.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export type IdPrefix = 'AKIA' | 'ASIA' | 'AIDA' | 'AROA' | 'AGPA' | 'ANPA' | 'AIPA' | 'ANVA' | 'ASCA' | 'APKA' | 'ACCA';

/** The alphabet as character codes: ids are built as codes and made a string once (no string per character). */
const ALPHABET_CODES = Array.from(ALPHABET, (c) => c.charCodeAt(0));

function base32(bytes: Uint8Array): string {
  const codes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      codes.push(ALPHABET_CODES[(buffer >>> (bits - 5)) & 31]!);
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) codes.push(ALPHABET_CODES[(buffer << (5 - bits)) & 31]!);
  return String.fromCharCode(...codes);
}

function base32Decode(text: string): Uint8Array {
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of text) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new Error('not base32');
    buffer = (buffer << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
      buffer &= (1 << bits) - 1;
    }
  }
  return Uint8Array.from(out);
}

export function newId(prefix: IdPrefix, accountId: string, random: Random): string {
  const noise = random.bytes(11);
  // The 48-bit head (top bit, account << 7, 7 random bits) in a plain number: an account id is
  // below 10^12 < 2^40, so the head stays below 2^48, exact in a double (no BigInt arithmetic per mint).
  let head = 2 ** 47 + Number(accountId) * 128 + ((noise[0] ?? 0) & 0x7f);
  const bytes = new Uint8Array(16);
  for (let i = 5; i >= 0; i--) {
    bytes[i] = head % 256;
    head = Math.floor(head / 256);
  }
  bytes.set(noise.subarray(1), 6);
  // Key ids (AKIA, ASIA) and SSH public key ids (APKA…, 20 characters in AWS's examples) are 4 + 16.
  const length = prefix === 'AKIA' || prefix === 'ASIA' || prefix === 'APKA' ? 16 : 17;
  return prefix + base32(bytes).slice(0, length);
}

/** The account encoded in an AWS-style key or unique id, or undefined if it is not one. */
export function accountOfId(id: string): string | undefined {
  if (id.length < 20 || !/^[A-Z]{4}[A-Z2-7]+$/.test(id)) return undefined;
  const bytes = base32Decode(id.slice(4, 20));
  let z = 0n;
  for (let i = 0; i < 6; i++) z = (z << 8n) | BigInt(bytes[i] ?? 0);
  const account = (z & 0x7fffffffff80n) >> 7n;
  return account.toString().padStart(12, '0');
}

const SECRET_ALPHABET_CODES = Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', (c) => c.charCodeAt(0));

/** A 40-character secret access key in the base64 alphabet, like AWS's. */
export function newSecretAccessKey(random: Random): string {
  const bytes = random.bytes(40);
  const codes = new Array<number>(bytes.length);
  for (let i = 0; i < bytes.length; i++) codes[i] = SECRET_ALPHABET_CODES[bytes[i]! & 63]!;
  return String.fromCharCode(...codes);
}
