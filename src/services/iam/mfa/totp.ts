import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Random } from '../../../kernel/random.js';

/**
 * Time-based one-time passwords as virtual MFA devices use them (RFC 6238 over RFC 4226 HOTP):
 * HMAC-SHA-1, 30-second steps from the Unix epoch, 6 digits. AWS accepts a code from the step
 * before or after the current one as well (clock drift between phone and server).
 */
export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;

export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

/** RFC 4226 HOTP: dynamic truncation of HMAC(key, 8-byte big-endian counter). */
export function hotp(key: Uint8Array, counter: number, digits = TOTP_DIGITS, algorithm: TotpAlgorithm = 'sha1'): string {
  const message = Buffer.alloc(8);
  message.writeUInt32BE(Math.floor(counter / 2 ** 32), 0);
  message.writeUInt32BE(counter >>> 0, 4);
  const mac = createHmac(algorithm, key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The RFC 6238 time step of an instant (epoch milliseconds). */
export function totpStep(epochMs: number): number {
  return Math.floor(epochMs / 1000 / TOTP_STEP_SECONDS);
}

export function totp(key: Uint8Array, epochMs: number, digits = TOTP_DIGITS, algorithm: TotpAlgorithm = 'sha1'): string {
  return hotp(key, totpStep(epochMs), digits, algorithm);
}

/**
 * The step whose code equals `code`, searched from `window` steps before to `window` steps after
 * the step of `epochMs` (oldest first), or undefined. Compared in constant time.
 */
export function matchTotp(key: Uint8Array, code: string, epochMs: number, window = 1): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const now = totpStep(epochMs);
  const given = Buffer.from(code);
  let found: number | undefined;
  for (let step = now - window; step <= now + window; step++) {
    if (timingSafeEqual(Buffer.from(hotp(key, step)), given) && found === undefined) found = step;
  }
  return found;
}

/**
 * Two consecutive codes (how a device is proven when it is enabled): `second` must match within
 * the window, `first` the step just before it. Returns the second code's step, or undefined.
 */
export function matchConsecutiveTotp(key: Uint8Array, first: string, second: string, epochMs: number, window = 1): number | undefined {
  const step = matchTotp(key, second, epochMs, window);
  if (step === undefined || !/^\d{6}$/.test(first)) return undefined;
  return timingSafeEqual(Buffer.from(hotp(key, step - 1)), Buffer.from(first)) ? step : undefined;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding: the text authenticator apps accept as a secret. */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** Ignores case, spaces and `=` padding, as authenticator apps do; throws on other characters. */
export function base32Decode(text: string): Uint8Array {
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of text.toUpperCase().replace(/[\s=]/g, '')) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new Error('not base32');
    buffer = ((buffer << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}

/** A new device secret: 40 random bytes, as 64 base32 characters (AWS's seeds are that long). */
export function newTotpSeed(random: Random): string {
  return base32Encode(random.bytes(40));
}
