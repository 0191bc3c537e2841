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

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new S3AddressError(`cannot decode '${text.slice(0, 64)}'`);
  }
}

/**
 * A decoded NUL is refused in the bucket, the key and every query parameter that names keys
 * (prefix, marker, …): no key needs one, XML 1.0 cannot carry it back in a listing, and
 * PostgreSQL text cannot store or compare it. `response-*` overrides are left to the response
 * header check, which answers InvalidArgument for any control character.
 */
function noNul(value: string, what: string): string {
  if (value.includes('\u0000')) throw new S3AddressError(`a NUL character in the ${what}`);
  return value;
}

export function parseQuery(rawQuery: string): Map<string, string> {
  const query = new Map<string, string>();
  if (rawQuery === '') return query;
  for (const segment of rawQuery.split('&')) {
    if (segment === '') continue;
    const eq = segment.indexOf('=');
    const name = decode((eq < 0 ? segment : segment.slice(0, eq)).replace(/\+/g, ' '));
    const value = eq < 0 ? '' : decode(segment.slice(eq + 1).replace(/\+/g, ' '));
    if (!name.startsWith('response-')) noNul(`${name}=${value}`, 'query');
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
    const key = rawPath.length > 1 ? noNul(decode(rawPath.slice(1)), 'key') : undefined;
    return { bucket: fromHost, key, query, rawPath, rawQuery, host, virtualHosted: true };
  }
  const rest = rawPath.slice(1);
  if (rest === '') return { query, rawPath, rawQuery, host, virtualHosted: false };
  const slash = rest.indexOf('/');
  const bucket = noNul(decode(slash < 0 ? rest : rest.slice(0, slash)), 'bucket name');
  const keyText = slash < 0 ? '' : rest.slice(slash + 1);
  return { bucket, key: keyText === '' ? undefined : noNul(decode(keyText), 'key'), query, rawPath, rawQuery, host, virtualHosted: false };
}
