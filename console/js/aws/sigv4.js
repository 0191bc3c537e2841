// @ts-check
/**
 * AWS Signature Version 4 in the browser, on Web Crypto: the console signs its calls to keysmith
 * exactly as any AWS SDK does, so every console action is authenticated, authorized and audited
 * by the same pipeline as the CLI's (no privileged back door). keysmith's own code, written from
 * the SigV4 specification (docs/sigv4.md); the server verifies it against the official vectors.
 */

const encoder = new TextEncoder();

/** @param {ArrayBuffer} buffer */
const hex = (buffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');

/** @param {string} text */
export async function sha256Hex(text) {
  return hex(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

/** @param {BufferSource} key @param {string} text */
async function hmac(key, text) {
  const k = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return crypto.subtle.sign('HMAC', k, encoder.encode(text));
}

/** RFC 3986 percent-encoding, as SigV4 canonicalises query strings. @param {string} value */
export function rfc3986(value) {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * @typedef {{ accessKeyId: string, secretAccessKey: string, sessionToken?: string }} Credentials
 * @typedef {{ method: string, host: string, path: string, query?: Record<string, string>,
 *   headers: Record<string, string>, body: string, service: string, region: string,
 *   credentials: Credentials, now?: Date }} SignInput
 */

/**
 * The headers to send: the given ones plus X-Amz-Date, X-Amz-Security-Token and Authorization.
 * Only `host` and the given headers are signed (the browser adds others it owns).
 * @param {SignInput} r
 * @returns {Promise<Record<string, string>>}
 */
export async function sign(r) {
  const now = r.now ?? new Date();
  const amzDate = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  /** @type {Record<string, string>} */
  const headers = { ...r.headers, 'x-amz-date': amzDate };
  if (r.credentials.sessionToken) headers['x-amz-security-token'] = r.credentials.sessionToken;
  const all = { host: r.host, ...headers };
  const names = Object.keys(all)
    .map((n) => n.toLowerCase())
    .sort();
  /** @type {Record<string, string>} */
  const lower = {};
  for (const [k, v] of Object.entries(all)) lower[k.toLowerCase()] = String(v).trim().replace(/\s+/g, ' ');
  const canonicalHeaders = names.map((n) => `${n}:${lower[n]}\n`).join('');
  const signedHeaders = names.join(';');
  const query = Object.entries(r.query ?? {})
    .map(([k, v]) => [rfc3986(k), rfc3986(v)])
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonicalRequest = [r.method, r.path, query, canonicalHeaders, signedHeaders, await sha256Hex(r.body)].join('\n');
  const scope = `${day}/${r.region}/${r.service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, await sha256Hex(canonicalRequest)].join('\n');
  let key = await hmac(encoder.encode(`AWS4${r.credentials.secretAccessKey}`), day);
  key = await hmac(key, r.region);
  key = await hmac(key, r.service);
  key = await hmac(key, 'aws4_request');
  const signature = hex(await hmac(key, toSign));
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${r.credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return headers;
}
