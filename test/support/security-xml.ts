import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { signRequest } from '../../src/sigv4/index.js';
import { nodeSigV4Crypto } from '../../src/platform/node-sigv4-crypto.js';
import { type RawReply, sendRaw } from './raw-http.js';
import type { TestServer } from './server.js';

/**
 * Hand-signed S3 requests with XML bodies no client sends, for the XML reader tests:
 * test/conformance/security-xml.test.ts and its boto3 control in test/clients/boto3-s3.test.ts.
 */

type Reply = RawReply;

export const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
export const code = (reply: Reply) => /<Code>([^<]+)<\/Code>/.exec(reply.body)?.[1];

/** Signing and sending as the admin of `server()` (read at each call: suites start it in `before`). */
export function xmlRequests(server: () => TestServer) {
  const port = () => Number(new URL(server().url).port);

  const send = (method: string, pathAndQuery: string, headers: Record<string, string>, body?: string | Buffer): Promise<Reply> =>
    sendRaw(port(), method, pathAndQuery, headers, body);

  async function s3(method: string, path: string, query: string, body = ''): Promise<Reply> {
    const headers: Record<string, string[]> = { host: [`127.0.0.1:${port()}`] };
    const bytes = Buffer.from(body, 'utf8');
    const signed = signRequest(
      { method, rawPath: path, rawQuery: query, headers, body: bytes },
      {
        credentials: server().admin,
        region: 'us-east-1',
        service: 's3',
        nowMs: Date.now(),
        crypto: nodeSigV4Crypto,
        contentSha256: sha256(bytes),
      },
    );
    const out: Record<string, string> = { 'content-length': String(bytes.length) };
    for (const [k, v] of Object.entries(signed.request.headers)) out[k] = v[0]!;
    return send(method, path + (query ? `?${query}` : ''), out, bytes.length > 0 ? bytes : undefined);
  }

  return { send, s3 };
}

export const tagging = (key: string, value: string) =>
  `<Tagging><TagSet><Tag><Key>${key}</Key><Value>${value}</Value></Tag></TagSet></Tagging>`;

export function refused(reply: Reply, errorCode: string): void {
  assert.equal(reply.status, 400, reply.body);
  assert.equal(code(reply), errorCode, reply.body);
  assert.doesNotMatch(reply.body, /RangeError|at \w+ \(|\.js:\d+/, 'no stack trace');
}
