import { createHash, createHmac } from 'node:crypto';
import { FORM_CONTENT_TYPE, isS3, QuerySigner, type Credentials, type QueryTemplate } from './sign-query.js';

/**
 * SigV4 for one fixed Query request, the lean way: everything that does not change between two
 * requests (canonical URI, query and headers but the date, the signed-header list, the scope
 * suffix) is built once; per request it hashes the body, the canonical request and signs the
 * string to sign with the day's signing key — what an SDK must do, without the generic
 * canonicalisation around it. About half the client CPU of keysmith's general signer
 * (src/sigv4 signRequest). The constructor checks that both give the very same headers, so the
 * lean one can never send a signature keysmith's signer would not have produced.
 *
 * S3 templates (GET/PUT of an object) sign `host;x-amz-content-sha256;x-amz-date[;x-amz-security-token]`
 * with the body's SHA-256 hex as the payload hash, hashed per request like the Query body.
 */
export class LeanQuerySigner {
  private readonly canonicalHead: string;
  private readonly canonicalTail: string;
  private readonly credentialPrefix: string;
  private readonly authorizationMiddle: string;
  private readonly body: Buffer;
  private readonly s3: boolean;
  private dateSecond = -1;
  private amzDate = '';
  private keyDay = '';
  private signingKey: Buffer = Buffer.alloc(0);

  constructor(
    private readonly template: QueryTemplate,
    private readonly credentials: Credentials,
  ) {
    const token = credentials.sessionToken;
    this.s3 = isS3(template);
    const method = template.method ?? 'POST';
    const tokenLine = token === undefined ? '' : `\nx-amz-security-token:${token}`;
    let signedHeaders: string;
    if (this.s3) {
      // x-amz-content-sha256 sorts before x-amz-date: the hash is spliced in per request.
      signedHeaders =
        token === undefined ? 'host;x-amz-content-sha256;x-amz-date' : 'host;x-amz-content-sha256;x-amz-date;x-amz-security-token';
      this.canonicalHead = `${method}\n${template.path}\n\nhost:${template.host}\nx-amz-content-sha256:`;
      this.canonicalTail = `${tokenLine}\n\n${signedHeaders}\n`;
    } else {
      signedHeaders = token === undefined ? 'content-type;host;x-amz-date' : 'content-type;host;x-amz-date;x-amz-security-token';
      // The template path is a plain '/'-style path and there is no query string (Query over POST).
      this.canonicalHead = `${method}\n${template.path}\n\ncontent-type:${FORM_CONTENT_TYPE}\nhost:${template.host}\nx-amz-date:`;
      this.canonicalTail = `${tokenLine}\n\n${signedHeaders}\n`;
    }
    this.credentialPrefix = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/`;
    this.authorizationMiddle = `, SignedHeaders=${signedHeaders}, Signature=`;
    this.body = Buffer.from(template.body);
    const now = Date.now();
    const reference = new QuerySigner(template, credentials).sign(now);
    const mine = this.sign(now);
    if (JSON.stringify(reference) !== JSON.stringify(mine)) {
      throw new Error(`lean signer disagrees with src/sigv4 signRequest:\n${JSON.stringify(mine)}\n${JSON.stringify(reference)}`);
    }
  }

  /** The headers to send, in the order keysmith's signer gives them. */
  sign(nowMs: number): Record<string, string> {
    const second = Math.floor(nowMs / 1000);
    if (second !== this.dateSecond) {
      this.dateSecond = second;
      const iso = new Date(second * 1000).toISOString();
      this.amzDate = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
    }
    const amzDate = this.amzDate;
    const day = amzDate.slice(0, 8);
    const scope = `${day}/${this.template.region}/${this.template.service}/aws4_request`;
    if (day !== this.keyDay) {
      const kDate = createHmac('sha256', 'AWS4' + this.credentials.secretAccessKey)
        .update(day)
        .digest();
      const kRegion = createHmac('sha256', kDate).update(this.template.region).digest();
      const kService = createHmac('sha256', kRegion).update(this.template.service).digest();
      this.signingKey = createHmac('sha256', kService).update('aws4_request').digest();
      this.keyDay = day;
    }
    const payloadHash = createHash('sha256').update(this.body).digest('hex');
    const canonical = this.s3
      ? `${this.canonicalHead}${payloadHash}\nx-amz-date:${amzDate}${this.canonicalTail}${payloadHash}`
      : this.canonicalHead + amzDate + this.canonicalTail + payloadHash;
    const stringToSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${createHash('sha256').update(canonical).digest('hex')}`;
    const signature = createHmac('sha256', this.signingKey).update(stringToSign).digest('hex');
    const headers: Record<string, string> = this.s3
      ? { host: this.template.host, 'x-amz-date': amzDate }
      : { host: this.template.host, 'content-type': FORM_CONTENT_TYPE, 'x-amz-date': amzDate };
    if (this.credentials.sessionToken !== undefined) headers['x-amz-security-token'] = this.credentials.sessionToken;
    if (this.s3) headers['x-amz-content-sha256'] = payloadHash;
    headers['authorization'] = this.credentialPrefix + scope + this.authorizationMiddle + signature;
    return headers;
  }
}
