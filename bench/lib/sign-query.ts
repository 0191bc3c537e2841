import { nodeSigV4Crypto } from '../../src/platform/node-sigv4-crypto.js';
import { SigningKeyCache, signRequest, type SignedRequest, type SigningCredentials } from '../../src/sigv4/index.js';

export type Credentials = SigningCredentials;

/** One AWS Query request, before signing. Plain data: it is sent to the load worker over IPC. */
export interface QueryTemplate {
  service: 'iam' | 'sts';
  region: string;
  /** The Host header, `127.0.0.1:PORT`. */
  host: string;
  path: string;
  /** application/x-www-form-urlencoded body (Action, Version, parameters). */
  body: string;
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
      method: 'POST',
      rawPath: template.path,
      rawQuery: '',
      headers: { host: [template.host], 'content-type': [FORM_CONTENT_TYPE] },
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
    });
    const headers: Record<string, string> = {};
    for (const [name, values] of Object.entries(request.headers)) headers[name] = values.join(',');
    return headers;
  }
}
