import { encodeNormalized } from './uri-encode.js';

/** The presigned-URL parameter that carries the signature; it is never part of what is signed. */
export const SIGNATURE_QUERY_PARAM = 'X-Amz-Signature';

/**
 * The CanonicalQueryString line: each `key=value` re-encoded in canonical form (a parameter
 * without '=' gets an empty value), sorted by encoded key, then by encoded value. Empty segments
 * ('a=1&&b=2') are dropped. For a presigned URL the X-Amz-Signature parameter is left out.
 */
export function canonicalQuery(rawQuery: string, presigned: boolean): string {
  if (rawQuery === '') return '';
  const pairs: Array<[string, string]> = [];
  for (const segment of rawQuery.split('&')) {
    if (segment === '') continue;
    const eq = segment.indexOf('=');
    const key = encodeNormalized(eq < 0 ? segment : segment.slice(0, eq), false);
    if (presigned && key === SIGNATURE_QUERY_PARAM) continue;
    const value = eq < 0 ? '' : encodeNormalized(segment.slice(eq + 1), false);
    pairs.push([key, value]);
  }
  if (pairs.length > 1) pairs.sort(comparePairs);
  let out = '';
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i]!;
    out += (i === 0 ? '' : '&') + pair[0] + '=' + pair[1];
  }
  return out;
}

// Encoded text is pure ASCII, so UTF-16 code-unit order is byte order, as the spec asks.
function comparePairs(a: [string, string], b: [string, string]): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return 0;
}
