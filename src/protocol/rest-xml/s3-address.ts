/**
 * Where an S3 request points: bucket and key from the Host (virtual-hosted style,
 * `bucket.<domain>`) or from the path (path style, `/bucket/key`), and the decoded query.
 * Keys are taken exactly as the path spells them, percent-decoded once: `a//b`, `./x` and a
 * trailing `/` are all part of the key.
 */
export interface S3Address {
  bucket?: string;
  key?: string;
  /** Decoded query parameters; the first occurrence of a name wins. */
  query: ReadonlyMap<string, string>;
  rawPath: string;
  rawQuery: string;
  /** The Host header as sent (for Location values and the audit log). */
  host: string;
  virtualHosted: boolean;
}

export class S3AddressError extends Error {}

/** `host[:port]` → lower-case host name, IPv6 brackets kept. */
export function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) {
    const close = h.indexOf(']');
    return close < 0 ? h : h.slice(0, close + 1);
  }
  const colon = h.lastIndexOf(':');
  return colon < 0 ? h : h.slice(0, colon);
}

/** The bucket named by a virtual-hosted Host, or undefined for path style. */
export function virtualHostBucket(host: string, domain: string): string | undefined {
  if (domain === '') return undefined;
  const name = hostName(host);
  const suffix = `.${domain.toLowerCase()}`;
  if (!name.endsWith(suffix) || name.length === suffix.length) return undefined;
  return name.slice(0, -suffix.length);
}

/**
 * Percent-decoding of the path and query. A decoded NUL is refused: no key, prefix or marker
 * needs one, XML 1.0 cannot carry it back in a listing, and PostgreSQL text cannot store it.
 */
function decode(text: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(text);
  } catch {
    throw new S3AddressError(`cannot decode '${text.slice(0, 64)}'`);
  }
  if (decoded.includes('\u0000')) throw new S3AddressError('a NUL character in the path or query');
  return decoded;
}

export function parseQuery(rawQuery: string): Map<string, string> {
  const query = new Map<string, string>();
  if (rawQuery === '') return query;
  for (const segment of rawQuery.split('&')) {
    if (segment === '') continue;
    const eq = segment.indexOf('=');
    const name = decode((eq < 0 ? segment : segment.slice(0, eq)).replace(/\+/g, ' '));
    const value = eq < 0 ? '' : decode(segment.slice(eq + 1).replace(/\+/g, ' '));
    if (!query.has(name)) query.set(name, value);
  }
  return query;
}

export function parseS3Address(url: string, host: string, domain: string): S3Address {
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url : url.slice(0, q);
  const rawQuery = q < 0 ? '' : url.slice(q + 1);
  if (!rawPath.startsWith('/')) throw new S3AddressError('the path must start with /');
  const query = parseQuery(rawQuery);
  const fromHost = virtualHostBucket(host, domain);
  if (fromHost !== undefined) {
    const key = rawPath.length > 1 ? decode(rawPath.slice(1)) : undefined;
    return { bucket: fromHost, key, query, rawPath, rawQuery, host, virtualHosted: true };
  }
  const rest = rawPath.slice(1);
  if (rest === '') return { query, rawPath, rawQuery, host, virtualHosted: false };
  const slash = rest.indexOf('/');
  const bucket = decode(slash < 0 ? rest : rest.slice(0, slash));
  const keyText = slash < 0 ? '' : rest.slice(slash + 1);
  return { bucket, key: keyText === '' ? undefined : decode(keyText), query, rawPath, rawQuery, host, virtualHosted: false };
}
