import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { presignRequest, signRequest } from '../../src/sigv4/index.js';
import { nodeSigV4Crypto } from '../../src/platform/node-sigv4-crypto.js';
import { type RawReply, sendRaw } from './raw-http.js';
import type { TestServer } from './server.js';

/**
 * Requests signed by keysmith's own signer (src/sigv4/sign.ts) for a service other than the one
 * that answers, for the credential-scope tests: test/conformance/security-scope.test.ts and its
 * controls with real clients in test/clients/boto3-s3.test.ts.
 */

export const IAM_VERSION = '2010-05-08';
export const STS_VERSION = '2011-06-15';

type Reply = RawReply;

export interface SignCall {
  method?: string;
  path?: string;
  query?: string;
  headers?: Record<string, string>;
  body?: string;
  service: string;
  /** x-amz-content-sha256 to send and sign (S3); default: none, the body's hash is signed. */
  contentSha256?: string;
}

/** Signing and sending as the admin of `server()` (read at each call: suites start it in `before`). */
export function scopeRequests(server: () => TestServer) {
  const port = () => Number(new URL(server().url).port);

  const send = (method: string, pathAndQuery: string, headers: Record<string, string>, body?: string | Buffer): Promise<Reply> =>
    sendRaw(port(), method, pathAndQuery, headers, body);

  /** Signs with an Authorization header; returns the headers to send (Content-Length added, unsigned). */
  function sign(call: SignCall): { path: string; headers: Record<string, string>; body: string } {
    const body = call.body ?? '';
    const headers: Record<string, string[]> = { host: [`127.0.0.1:${port()}`] };
    for (const [k, v] of Object.entries(call.headers ?? {})) headers[k.toLowerCase()] = [v];
    const signed = signRequest(
      { method: call.method ?? 'POST', rawPath: call.path ?? '/', rawQuery: call.query ?? '', headers, body: Buffer.from(body) },
      {
        credentials: server().admin,
        region: 'us-east-1',
        service: call.service,
        nowMs: Date.now(),
        crypto: nodeSigV4Crypto,
        ...(call.contentSha256 ? { contentSha256: call.contentSha256 } : {}),
      },
    );
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(signed.request.headers)) out[k] = v[0]!;
    out['content-length'] = String(Buffer.byteLength(body));
    return { path: (call.path ?? '/') + (call.query ? `?${call.query}` : ''), headers: out, body };
  }

  async function signedCall(call: SignCall): Promise<Reply> {
    const s = sign(call);
    return send(call.method ?? 'POST', s.path, s.headers, s.body === '' ? undefined : s.body);
  }

  function presign(method: string, path: string, query: string, service: string): string {
    const signed = presignRequest(
      { method, rawPath: path, rawQuery: query, headers: { host: [`127.0.0.1:${port()}`] }, body: new Uint8Array(0) },
      { credentials: server().admin, region: 'us-east-1', service, nowMs: Date.now(), crypto: nodeSigV4Crypto, expiresSeconds: 300 },
    );
    return `${path}?${signed.request.rawQuery}`;
  }

  return { send, sign, signedCall, presign };
}

export const form = (params: Record<string, string>) => new URLSearchParams(params).toString();
export const FORM = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
export const code = (reply: Reply) => /<Code>([^<]+)<\/Code>/.exec(reply.body)?.[1];
export const message = (reply: Reply) => /<Message>([^<]*)<\/Message>/.exec(reply.body)?.[1]?.replace(/&apos;/g, "'");
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function wrongScope(reply: Reply, expected: string): void {
  assert.equal(reply.status, 403, reply.body);
  assert.equal(code(reply), 'SignatureDoesNotMatch', reply.body);
  assert.equal(message(reply)?.trim(), `Credential should be scoped to correct service: '${expected}'.`, reply.body);
}
