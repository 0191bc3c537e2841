import type { SigV4Crypto } from './crypto-port.js';
import type { SignedRequest } from './signed-request.js';
import { ALGORITHM, buildCanonicalRequest, buildStringToSign, credentialScope } from './canonical-request.js';
import { usesSingleEncodedPath } from './canonical-uri.js';
import { formatAmzDate } from './amz-date.js';
import { SigningKeyCache, deriveSigningKey } from './signing-key.js';
import { CONTENT_SHA256_HEADER, UNSIGNED_PAYLOAD, bodySha256 } from './payload-hash.js';
import { SIGNATURE_QUERY_PARAM } from './canonical-query.js';
import { encodeLiteral } from './uri-encode.js';

/**
 * A SigV4 signer built on the same canonicalisation code as the verifier. keysmith itself only
 * verifies; this exists for tests, the bench and tools that need to produce a signed request.
 */

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SignOptions {
  credentials: SigningCredentials;
  region: string;
  service: string;
  /** Signing time in ms since the epoch (becomes X-Amz-Date). */
  nowMs: number;
  crypto: SigV4Crypto;
  /**
   * Header names to sign (lower case). Default: every header the request carries, except the few
   * that proxies and clients rewrite (authorization, user-agent, expect, x-amzn-trace-id), sorted.
   */
  signedHeaders?: readonly string[];
  /**
   * Sent as `x-amz-content-sha256` and used as the payload hash, e.g. `UNSIGNED-PAYLOAD`, or the
   * body's hash as SDK v3 sends it for S3. Default: no header, the body's SHA-256 is signed.
   */
  contentSha256?: string;
  /** Reuse derived signing keys (a bench signs many requests). */
  keyCache?: SigningKeyCache;
}

export interface SignResult {
  /** The request with its signing headers (or, presigned, its signing query) added. */
  request: SignedRequest;
  /** The Authorization header value (for a presigned URL: empty). */
  authorization: string;
  signature: string;
  amzDate: string;
  canonicalRequest: string;
  stringToSign: string;
}

const UNSIGNABLE_HEADERS: ReadonlySet<string> = new Set(['authorization', 'user-agent', 'expect', 'x-amzn-trace-id']);

/** Signs with an Authorization header (the form SDKs use for API calls). */
export function signRequest(request: SignedRequest, options: SignOptions): SignResult {
  const amzDate = formatAmzDate(options.nowMs);
  const headers: Record<string, string[]> = { ...request.headers, 'x-amz-date': [amzDate] };
  if (options.credentials.sessionToken !== undefined) {
    headers['x-amz-security-token'] = [options.credentials.sessionToken];
  }
  if (options.contentSha256 !== undefined) headers[CONTENT_SHA256_HEADER] = [options.contentSha256];
  const signedHeaders =
    options.signedHeaders ??
    Object.keys(headers)
      .filter((name) => !UNSIGNABLE_HEADERS.has(name))
      .sort();
  const payloadHash = options.contentSha256 ?? bodySha256(request.body, options.crypto);
  const signed = sign({ ...request, headers }, options, amzDate, signedHeaders, payloadHash, false);
  const authorization =
    `${ALGORITHM} Credential=${options.credentials.accessKeyId}/${signed.scope}, ` +
    `SignedHeaders=${signedHeaders.join(';')}, Signature=${signed.signature}`;
  return {
    request: { ...request, headers: { ...headers, authorization: [authorization] } },
    authorization,
    signature: signed.signature,
    amzDate,
    canonicalRequest: signed.canonicalRequest,
    stringToSign: signed.stringToSign,
  };
}

/**
 * Signs as a presigned URL: the X-Amz-* parameters are appended to `rawQuery`. Signs only `host`
 * unless told otherwise; S3 URLs sign `UNSIGNED-PAYLOAD`, other services the body's hash.
 */
export function presignRequest(request: SignedRequest, options: SignOptions & { expiresSeconds: number }): SignResult {
  const amzDate = formatAmzDate(options.nowMs);
  const signedHeaders = options.signedHeaders ?? ['host'];
  const scope = credentialScope(amzDate.slice(0, 8), options.region, options.service);
  const params: Array<[string, string]> = [
    ['X-Amz-Algorithm', ALGORITHM],
    ['X-Amz-Credential', `${options.credentials.accessKeyId}/${scope}`],
    ['X-Amz-Date', amzDate],
    ['X-Amz-Expires', String(options.expiresSeconds)],
    ['X-Amz-SignedHeaders', signedHeaders.join(';')],
  ];
  if (options.credentials.sessionToken !== undefined) {
    params.push(['X-Amz-Security-Token', options.credentials.sessionToken]);
  }
  const added = params.map(([name, value]) => `${name}=${encodeLiteral(value, false)}`).join('&');
  const rawQuery = request.rawQuery === '' ? added : `${request.rawQuery}&${added}`;
  const payloadHash =
    options.contentSha256 ?? (usesSingleEncodedPath(options.service) ? UNSIGNED_PAYLOAD : bodySha256(request.body, options.crypto));
  const unsigned = { ...request, rawQuery };
  const signed = sign(unsigned, options, amzDate, signedHeaders, payloadHash, true);
  return {
    request: { ...unsigned, rawQuery: `${rawQuery}&${SIGNATURE_QUERY_PARAM}=${signed.signature}` },
    authorization: '',
    signature: signed.signature,
    amzDate,
    canonicalRequest: signed.canonicalRequest,
    stringToSign: signed.stringToSign,
  };
}

function sign(
  request: SignedRequest,
  options: SignOptions,
  amzDate: string,
  signedHeaders: readonly string[],
  payloadHash: string,
  presigned: boolean,
): { scope: string; signature: string; canonicalRequest: string; stringToSign: string } {
  if (!signedHeaders.includes('host')) throw new Error('signRequest: the request needs a host header to sign');
  const canonicalRequest = buildCanonicalRequest({
    method: request.method,
    rawPath: request.rawPath,
    rawQuery: request.rawQuery,
    headers: request.headers,
    service: options.service,
    signedHeaders,
    payloadHash,
    presigned,
  });
  if (canonicalRequest === undefined) throw new Error('signRequest: a header to sign is not in the request');
  const scopeDate = amzDate.slice(0, 8);
  const scope = credentialScope(scopeDate, options.region, options.service);
  const stringToSign = buildStringToSign(amzDate, scope, options.crypto.sha256Hex(canonicalRequest));
  const { secretAccessKey } = options.credentials;
  const key =
    options.keyCache?.get(secretAccessKey, scopeDate, options.region, options.service) ??
    deriveSigningKey(options.crypto, secretAccessKey, scopeDate, options.region, options.service);
  const signature = options.crypto.hmacSha256Hex(key, stringToSign);
  return { scope, signature, canonicalRequest, stringToSign };
}
