import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The token a local endpoint asks of the program: fresh and random for each run, never the grant's
 * token (the program never holds that one; it dies with the run).
 */
export function newLocalToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Constant-time comparison of what a request presented with the expected token. Both sides are
 * hashed first so that the comparison takes the same time whatever the presented length.
 */
export function tokenMatches(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  const a = createHash('sha256').update(presented, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}
