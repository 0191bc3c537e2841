import { nodeSigV4Crypto } from '../../src/platform/node-sigv4-crypto.js';
import { SigningKeyCache, signRequest, type SignedRequest, type SigningCredentials } from '../../src/sigv4/index.js';

export type Credentials = SigningCredentials;

/**
 * One request, before signing. Plain data: it is sent to the load worker over IPC. A Query
 * request (IAM, STS) is a form POST to `/`; an S3 request has its own method and path, no
 * content-type, and signs `x-amz-content-sha256` (the body's SHA-256 hex), as S3 clients do.
 */
export interface QueryTemplate {
  service: 'iam' | 'sts' | 's3';
  region: string;
  /** The Host header, `127.0.0.1:PORT`. */
  host: string;
  /** POST when absent (the Query APIs). */
  method?: 'GET' | 'PUT' | 'POST';
  path: string;
  /** Query: the application/x-www-form-urlencoded body; S3: the object's bytes (ASCII, so
   *  a string stays exact on every hop). */
  body: string;
}

export function isS3(template: QueryTemplate): boolean {
  return template.service === 's3';
}

export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded; charset=utf-8';

/**
 * Signs one Query template again and again, as an SDK does: keysmith's own signer
 * (src/sigv4 signRequest), body hashed and canonical request built on every call, the derived
 * signing key cached per day (SDK v3 caches it too).
 */
export class QuerySigner {
  private readonly unsigned: SignedRequest;
  private readonly keyCache = new SigningKeyCache(nodeSigV4Crypto, 4);

  constructor(
    private readonly template: QueryTemplate,
    private readonly credentials: Credentials,
  ) {
    this.unsigned = {
      method: template.method ?? 'POST',
      rawPath: template.path,
      rawQuery: '',
      headers: isS3(template) ? { host: [template.host] } : { host: [template.host], 'content-type': [FORM_CONTENT_TYPE] },
      body: Buffer.from(template.body),
    };
  }

  /** The headers to send (host, content-type, x-amz-date, authorization, and the token if any). */
  sign(nowMs: number): Record<string, string> {
    const { request } = signRequest(this.unsigned, {
      credentials: this.credentials,
      region: this.template.region,
      service: this.template.service,
      nowMs,
      crypto: nodeSigV4Crypto,
      keyCache: this.keyCache,
      ...(isS3(this.template) ? { contentSha256: nodeSigV4Crypto.sha256Hex(Buffer.from(this.template.body)) } : {}),
    });
    const headers: Record<string, string> = {};
    for (const [name, values] of Object.entries(request.headers)) headers[name] = values.join(',');
    return headers;
  }
}
