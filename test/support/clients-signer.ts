import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

/**
 * Raw, hand-built Query requests signed by the AWS SDK's own SigV4 signer (@smithy/signature-v4,
 * which the SDK v3 clients use), so wire tests check keysmith against an independent signer.
 */

/** The SDK's hash interface over node:crypto: SHA-256, or HMAC-SHA-256 when given a secret. */
export class NodeSha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: string | Uint8Array | ArrayBuffer | ArrayBufferView) {
    if (secret === undefined) this.hash = createHash('sha256');
    else {
      const key =
        typeof secret === 'string'
          ? secret
          : secret instanceof ArrayBuffer
            ? Buffer.from(secret)
            : Buffer.from(secret.buffer, secret.byteOffset, secret.byteLength);
      this.hash = createHmac('sha256', key);
    }
  }
  update(data: string | Uint8Array | ArrayBuffer | ArrayBufferView): void {
    if (typeof data === 'string') this.hash.update(data, 'utf8');
    else if (data instanceof ArrayBuffer) this.hash.update(Buffer.from(data));
    else this.hash.update(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

export interface SignOptions {
  method?: 'GET' | 'POST';
  /** Query-string parameters (GET requests carry the whole call here). */
  query?: Record<string, string>;
  /** Form parameters, sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>;
  /** A raw body instead of `form`. */
  body?: string | Buffer;
  headers?: Record<string, string>;
  region?: string;
  /** The credential scope's service (`iam`, `sts`, `cloudtrail`, …). */
  service?: string;
  /** Sign at this time instead of now. */
  signingDate?: Date;
}

/** RFC 3986 percent-encoding, as SigV4 canonicalises query strings. */
export function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function formBody(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`)
    .join('&');
}

export function signer(creds: { accessKeyId: string; secretAccessKey: string }, region: string, service: string): SignatureV4 {
  return new SignatureV4({ credentials: creds, region, service, sha256: NodeSha256, applyChecksum: true });
}

/** Builds and signs a request; returns what `fetch` needs. */
export async function signedRequest(
  endpoint: string,
  creds: { accessKeyId: string; secretAccessKey: string },
  options: SignOptions,
): Promise<{ url: string; init: RequestInit }> {
  const target = new URL(endpoint);
  const method = options.method ?? 'POST';
  const body = options.body ?? (options.form ? formBody(options.form) : undefined);
  const headers: Record<string, string> = { host: target.host, ...options.headers };
  if (options.form && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['content-type'] = 'application/x-www-form-urlencoded; charset=utf-8';
  }
  const signed = await signer(creds, options.region ?? 'us-east-1', options.service ?? 'iam').sign(
    {
      method,
      protocol: target.protocol,
      hostname: target.hostname,
      port: Number(target.port),
      path: '/',
      query: options.query ?? {},
      headers,
      body,
    },
    options.signingDate ? { signingDate: options.signingDate } : {},
  );
  return { url: withQuery(endpoint, options.query), init: { method, headers: withoutHost(signed.headers), body } };
}

/** A presigned GET URL (SigV4 in the query string). */
export async function presignedUrl(
  endpoint: string,
  creds: { accessKeyId: string; secretAccessKey: string },
  query: Record<string, string>,
  options: { region?: string; service?: 'iam' | 'sts'; expiresIn?: number } = {},
): Promise<string> {
  const target = new URL(endpoint);
  const signed = await signer(creds, options.region ?? 'us-east-1', options.service ?? 'sts').presign(
    {
      method: 'GET',
      protocol: target.protocol,
      hostname: target.hostname,
      port: Number(target.port),
      path: '/',
      query,
      headers: { host: target.host },
    },
    { expiresIn: options.expiresIn ?? 300 },
  );
  const q = signed.query as Record<string, string>;
  return withQuery(endpoint, q);
}

function withQuery(endpoint: string, query: Record<string, string> | undefined): string {
  const base = endpoint.replace(/\/$/, '') + '/';
  if (!query || Object.keys(query).length === 0) return base;
  return `${base}?${formBody(query)}`;
}

/** fetch sets Host itself (the same host:port that was signed). */
function withoutHost(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() !== 'host') out[k] = v;
  return out;
}

/** Signs and sends; returns status, headers and body text. */
export async function sendSigned(
  endpoint: string,
  creds: { accessKeyId: string; secretAccessKey: string },
  options: SignOptions,
): Promise<{ status: number; headers: Headers; text: string }> {
  const { url, init } = await signedRequest(endpoint, creds, options);
  const res = await fetch(url, init);
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** CloudTrail's LookupEvents as a raw JSON 1.1 call (body as given: JSON the SDKs would refuse to build). */
export function sendLookupEvents(
  endpoint: string,
  creds: { accessKeyId: string; secretAccessKey: string },
  body: unknown,
  target = 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents',
  service = 'cloudtrail',
): Promise<{ status: number; headers: Headers; text: string }> {
  return sendSigned(endpoint, creds, {
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
    service,
  });
}
