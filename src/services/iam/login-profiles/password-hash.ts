import { scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { Random } from '../../../kernel/random.js';

/**
 * Console passwords are kept only as scrypt hashes (memory-hard, so a stolen table is costly to
 * attack), in a self-describing text `scrypt$N$r$p$salt$hash` (base64url): the parameters travel
 * with each hash, so they can be raised later without breaking the passwords already stored.
 */
const COST = { N: 16384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function derive(password: string, salt: Buffer, options: ScryptOptions & { N: number; r: number; p: number }): Promise<Buffer> {
  // 128·N·r bytes of memory; scrypt refuses more than `maxmem`, so allow what the parameters need.
  const maxmem = 256 * options.N * options.r;
  return new Promise((resolve, reject) => {
    // latin1: the model allows only U+0009..U+00FF, one byte each.
    scrypt(Buffer.from(password, 'latin1'), salt, KEY_LENGTH, { ...options, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string, random: Random): Promise<string> {
  const salt = Buffer.from(random.bytes(SALT_LENGTH));
  const key = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Whether `password` is the one `stored` was made from; constant-time on the derived key. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map((n) => Number.parseInt(n, 10));
  if (!N || !r || !p) return false;
  const expected = Buffer.from(parts[5] ?? '', 'base64url');
  const key = await derive(password, Buffer.from(parts[4] ?? '', 'base64url'), { N, r, p });
  return key.length === expected.length && timingSafeEqual(key, expected);
}
