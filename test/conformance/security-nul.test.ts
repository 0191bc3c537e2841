import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { startTestServer, type TestServer } from '../support/server.js';
import { signRequest } from '../../src/sigv4/index.js';
import { nodeSigV4Crypto } from '../../src/platform/node-sigv4-crypto.js';

/**
 * A NUL (%00) in an S3 path or query value is refused as InvalidURI (400) before anything is
 * looked up: PostgreSQL text cannot hold it (the query would fail with a 500) and XML 1.0
 * listings could not carry it back. Found by the fuzzer's review of key handling.
 */
let server: TestServer;
let port: number;
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

function send(method: string, path: string, query = '', body = Buffer.alloc(0)): Promise<{ status: number; text: string }> {
  const headers: Record<string, string[]> = { host: [`127.0.0.1:${port}`] };
  const signed = signRequest(
    { method, rawPath: path, rawQuery: query, headers, body },
    {
      credentials: server.admin,
      region: 'us-east-1',
      service: 's3',
      nowMs: Date.now(),
      crypto: nodeSigV4Crypto,
      contentSha256: sha256(body),
    },
  );
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(signed.request.headers)) out[k] = v[0]!;
  out['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path: query ? `${path}?${query}` : path, headers: out }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

suite('NUL characters in S3 addresses', () => {
  before(async () => {
    server = await startTestServer();
    port = Number(new URL(server.url).port);
    assert.equal((await send('PUT', '/nul-bucket')).status, 200);
  });
  after(async () => server.close());

  test('a key with %00 is InvalidURI, nothing is stored, the server keeps serving', { timeout: 30_000 }, async () => {
    const put = await send('PUT', '/nul-bucket/a%00b', '', Buffer.from('x'));
    assert.equal(put.status, 400, put.text);
    assert.match(put.text, /<Code>InvalidURI<\/Code>/);
    const list = await send('GET', '/nul-bucket', 'list-type=2');
    assert.equal(list.status, 200);
    assert.doesNotMatch(list.text, /<Key>/);
  });

  test('a prefix or marker with %00 is InvalidURI', { timeout: 30_000 }, async () => {
    for (const query of ['list-type=2&prefix=a%00', 'marker=%00', 'list-type=2&start-after=x%00y']) {
      const reply = await send('GET', '/nul-bucket', query);
      assert.equal(reply.status, 400, `${query}: ${reply.text}`);
      assert.match(reply.text, /<Code>InvalidURI<\/Code>/);
    }
  });
});
