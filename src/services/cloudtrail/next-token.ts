import { CloudTrailError } from './cloudtrail-error.js';

/**
 * LookupEvents' NextToken: the store's page marker plus a fingerprint of the query it belongs to,
 * because AWS requires a token to be reused with the same lookup attributes and time range
 * (reference §5.3) and refuses it otherwise. Opaque to callers.
 */
export function encodeNextToken(marker: string, query: unknown): string {
  return Buffer.from(JSON.stringify([fingerprint(query), marker]), 'utf8').toString('base64url');
}

/** The store marker inside a token, if the token is well formed and made for this query. */
export function decodeNextToken(token: string, query: unknown): string {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (!Array.isArray(value) || value.length !== 2 || typeof value[1] !== 'string' || value[0] !== fingerprint(query)) {
    throw new CloudTrailError('InvalidNextTokenException', 'Invalid NextToken.');
  }
  return value[1];
}

/** FNV-1a (32 bits) of the query's JSON: tells queries apart, no secrecy needed. */
function fingerprint(query: unknown): string {
  let h = 0x811c9dc5;
  for (const ch of JSON.stringify(query)) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
