import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readlinkSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { presignRequest, signRequest } from '../../src/sigv4/index.js';
import { nodeSigV4Crypto } from '../../src/platform/node-sigv4-crypto.js';
import type { TestServer } from './server.js';

/**
 * Hand-signed S3 requests (raw headers kept) and a count of the object files this process has
 * open, for the header-value and open-file tests: test/conformance/security-headers-files.test.ts
 * and its boto3 part in test/clients/boto3-s3.test.ts. The server runs in this process, so its
 * open files are in /proc/self/fd.
 */

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
  body: Buffer;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
export const code = (reply: Reply) => /<Code>([^<]+)<\/Code>/.exec(reply.body.toString('utf8'))?.[1];

/** Signing and sending as the admin of `server()` (read at each call: suites start it in `before`). */
export function headerRequests(server: () => TestServer) {
  const port = () => Number(new URL(server().url).port);
  const objectsDir = () => join(server().dataDir, 'objects');

  function send(method: string, pathAndQuery: string, headers: Record<string, string>, body?: string | Buffer): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: port(), method, path: pathAndQuery, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) }),
        );
      });
      req.on('error', reject);
      // Not req.end(body): that tells Node the length first, after which it mangles a non-ASCII
      // Content-Disposition (nodejs/node#46528); written first, the headers go out as given.
      if (body !== undefined) req.write(body);
      req.end();
    });
  }

  function signed(
    method: string,
    path: string,
    query = '',
    extra: Record<string, string> = {},
    body: Buffer = Buffer.alloc(0),
  ): Record<string, string> {
    const headers: Record<string, string[]> = { host: [`127.0.0.1:${port()}`] };
    for (const [k, v] of Object.entries(extra)) headers[k] = [v];
    const result = signRequest(
      { method, rawPath: path, rawQuery: query, headers, body },
      {
        credentials: server().admin,
        region: 'us-east-1',
        service: 's3',
        nowMs: Date.now(),
        crypto: nodeSigV4Crypto,
        contentSha256: sha256(body),
      },
    );
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(result.request.headers)) out[k] = v[0]!;
    // Last: Node's client (like its server) mangles a non-ASCII Content-Disposition after it.
    out['content-length'] = String(body.length);
    return out;
  }

  async function s3(method: string, path: string, query = '', extra: Record<string, string> = {}, body?: Buffer): Promise<Reply> {
    return send(method, path + (query ? `?${query}` : ''), signed(method, path, query, extra, body), body);
  }

  function presigned(path: string, query: string): string {
    const result = presignRequest(
      { method: 'GET', rawPath: path, rawQuery: query, headers: { host: [`127.0.0.1:${port()}`] }, body: new Uint8Array(0) },
      { credentials: server().admin, region: 'us-east-1', service: 's3', nowMs: Date.now(), crypto: nodeSigV4Crypto, expiresSeconds: 300 },
    );
    return `${path}?${result.request.rawQuery}`;
  }

  /** Files under the objects folder this process has open right now. */
  function openObjectFiles(): string[] {
    const open: string[] = [];
    for (const fd of readdirSync('/proc/self/fd')) {
      try {
        const target = readlinkSync(`/proc/self/fd/${fd}`);
        if (target.startsWith(objectsDir())) open.push(target);
      } catch {
        // closed meanwhile
      }
    }
    return open;
  }

  /** No object file stays open (streams close asynchronously: give them a moment, no more). */
  async function assertNoOpenFiles(what: string): Promise<void> {
    for (let i = 0; i < 20 && openObjectFiles().length > 0; i++) await sleep(25);
    assert.deepEqual(openObjectFiles(), [], `${what}: files left open`);
  }

  /** The bucket `hdr` with `obj` (a type and non-ASCII metadata) and `big` (4 MB). */
  async function createObjects(): Promise<void> {
    assert.equal((await s3('PUT', '/hdr')).status, 200);
    assert.equal(
      (await s3('PUT', '/hdr/obj', '', { 'content-type': 'text/plain', 'x-amz-meta-note': 'caf\u00e9' }, Buffer.from('hello'))).status,
      200,
    );
    assert.equal((await s3('PUT', '/hdr/big', '', {}, Buffer.alloc(4 * 1024 * 1024, 1))).status, 200);
  }

  return { send, signed, s3, presigned, assertNoOpenFiles, createObjects };
}

export const rfc3986 = (value: string) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
