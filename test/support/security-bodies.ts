import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { signRequest } from '../../src/sigv4/index.js';
import { nodeSigV4Crypto } from '../../src/platform/node-sigv4-crypto.js';
import { type RawReply, sendRaw } from './raw-http.js';
import type { TestServer } from './server.js';

/**
 * Hand-signed requests, whole or with the body withheld, for the body tests:
 * test/conformance/security-bodies.test.ts and its boto3 part in test/clients/boto3-s3.test.ts.
 */

type Reply = RawReply;

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
export const code = (reply: Reply) => /<Code>([^<]+)<\/Code>/.exec(reply.body)?.[1];

export interface SignCall {
  method: string;
  path: string;
  query?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  service: 's3' | 'iam' | 'sts' | 'cloudtrail';
  creds?: { accessKeyId: string; secretAccessKey: string };
  /** S3: x-amz-content-sha256 to send and sign; default the body's hash. */
  contentSha256?: string;
}

/** Signing and sending as the admin of `server()` (read at each call: suites start it in `before`). */
export function bodyRequests(server: () => TestServer) {
  const port = () => Number(new URL(server().url).port);

  const send = (method: string, pathAndQuery: string, headers: Record<string, string>, body?: string | Buffer): Promise<Reply> =>
    sendRaw(port(), method, pathAndQuery, headers, body);

  /**
   * Sends the headers (declaring `declared` bytes of body) and the first `sent` bytes only, and
   * resolves with the answer if one comes within `waitMs` while the rest is still owed.
   */
  function sendWithheld(
    method: string,
    pathAndQuery: string,
    headers: Record<string, string>,
    body: Buffer,
    sent: number,
    waitMs = 5_000,
  ): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: port(), method, path: pathAndQuery, headers: { ...headers, 'content-length': String(body.length) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            clearTimeout(timer);
            req.destroy();
            resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
          });
        },
      );
      const timer = setTimeout(() => {
        req.destroy();
        reject(new Error(`no answer within ${waitMs} ms while the body was withheld: the server waited for it`));
      }, waitMs);
      req.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      req.flushHeaders();
      req.write(body.subarray(0, sent));
    });
  }

  function sign(call: SignCall): Record<string, string> {
    const body = Buffer.from(call.body ?? '');
    const headers: Record<string, string[]> = { host: [`127.0.0.1:${port()}`] };
    for (const [k, v] of Object.entries(call.headers ?? {})) headers[k] = [v];
    const contentSha256 = call.contentSha256 ?? (call.service === 's3' ? sha256(body) : undefined);
    const signed = signRequest(
      { method: call.method, rawPath: call.path, rawQuery: call.query ?? '', headers, body },
      {
        credentials: call.creds ?? server().admin,
        region: 'us-east-1',
        service: call.service,
        nowMs: Date.now(),
        crypto: nodeSigV4Crypto,
        ...(contentSha256 ? { contentSha256 } : {}),
      },
    );
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(signed.request.headers)) out[k] = v[0]!;
    return out;
  }

  async function s3(call: Omit<SignCall, 'service'>): Promise<Reply> {
    const headers = sign({ ...call, service: 's3' });
    const body = call.body === undefined ? undefined : Buffer.from(call.body);
    return send(
      call.method,
      call.path + (call.query ? `?${call.query}` : ''),
      { ...headers, 'content-length': String(body?.length ?? 0) },
      body,
    );
  }

  async function objectExists(bucket: string, key: string): Promise<boolean> {
    const reply = await s3({ method: 'HEAD', path: `/${bucket}/${key}` });
    return reply.status === 200;
  }

  /**
   * The buckets `private-b` and `public-b` (whose policy lets anyone delete under `public/`), each
   * with the objects `k1`, `public/p1` and `public/p2`.
   */
  async function createBuckets(): Promise<void> {
    for (const bucket of ['private-b', 'public-b']) assert.equal((await s3({ method: 'PUT', path: `/${bucket}` })).status, 200);
    const policy = PUBLIC_DELETE_POLICY('public-b');
    assert.equal((await s3({ method: 'PUT', path: '/public-b', query: 'policy=', body: policy })).status, 204);
    for (const key of ['k1', 'public/p1', 'public/p2']) {
      for (const bucket of ['private-b', 'public-b'])
        assert.equal((await s3({ method: 'PUT', path: `/${bucket}/${key}`, body: 'data' })).status, 200);
    }
  }

  return { send, sendWithheld, sign, s3, objectExists, createBuckets };
}

export function deleteDocument(keys: number, prefix = 'k'): Buffer {
  const objects: string[] = [];
  for (let i = 0; i < keys; i++) objects.push(`<Object><Key>${prefix}${i}</Key></Object>`);
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><Delete><Quiet>true</Quiet>${objects.join('')}</Delete>`);
}

export const md5 = (data: Buffer) => createHash('md5').update(data).digest('base64');

const PUBLIC_DELETE_POLICY = (bucket: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:DeleteObject', Resource: `arn:aws:s3:::${bucket}/public/*` }],
  });
