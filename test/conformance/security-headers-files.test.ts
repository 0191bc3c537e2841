import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../support/server.js';
import { code, headerRequests, rfc3986 } from '../support/security-headers.js';

/**
 * Issue 8, hole 5: request-controlled values are checked before they reach Node's header writer,
 * and every file keysmith opens is closed on every path. Before the fix a CR/LF in
 * `response-content-type` (GetObject's response overrides) made writeHead throw: a 500, and the
 * object's file stayed open until garbage collection. Now: 400 InvalidArgument, checked before
 * the file is opened. Open files are counted in /proc/self/fd (the server runs in this process).
 * boto3's presigned URLs with such an override are tried in test/clients/boto3-s3.test.ts.
 */

let server: TestServer;
let port: number;
let objectsDir: string;
const { send, signed, s3, presigned, assertNoOpenFiles, createObjects } = headerRequests(() => server);

suite('security: header values checked before Node writes them; files closed on every path', () => {
  before(async () => {
    server = await startTestServer();
    port = Number(new URL(server.url).port);
    objectsDir = join(server.dataDir, 'objects');
    await createObjects();
  });
  after(async () => {
    await server?.close();
  });

  test(
    'CR/LF in response-content-type is InvalidArgument (header-signed and presigned), and the file is closed',
    { timeout: 60_000 },
    async () => {
      const injected = `response-content-type=${rfc3986('text/html\r\nX-Injected: yes')}`;
      const header = await s3('GET', '/hdr/obj', injected);
      assert.equal(header.status, 400, header.body.toString());
      assert.equal(code(header), 'InvalidArgument');
      assert.equal(header.headers['x-injected'], undefined);
      await assertNoOpenFiles('header-signed GET');
      const url = await send('GET', presigned('/hdr/obj', injected), {});
      assert.equal(url.status, 400, url.body.toString());
      assert.equal(code(url), 'InvalidArgument');
      await assertNoOpenFiles('presigned GET');
      const head = await s3('HEAD', '/hdr/obj', injected);
      assert.equal(head.status, 400);
      for (const [param, value] of [
        ['response-content-language', 'en\u0000'],
        ['response-cache-control', 'no-cache\n'],
        ['response-content-disposition', 'a\u007fb'],
        ['response-expires', '\r'],
      ] as const) {
        const reply = await s3('GET', '/hdr/obj', `${param}=${rfc3986(value)}`);
        assert.equal(reply.status, 400, `${param}: ${reply.body.toString()}`);
        assert.equal(code(reply), 'InvalidArgument');
      }
      await assertNoOpenFiles('other overrides');
    },
  );

  test('non-ASCII override text is sent as its UTF-8 bytes; stored metadata comes back as sent', { timeout: 60_000 }, async () => {
    const disposition = 'attachment; filename="€ café.txt"';
    const reply = await s3('GET', '/hdr/obj', `response-content-disposition=${rfc3986(disposition)}`);
    assert.equal(reply.status, 200, reply.body.toString());
    const raw = reply.rawHeaders[reply.rawHeaders.findIndex((h) => h.toLowerCase() === 'content-disposition') + 1]!;
    assert.equal(Buffer.from(raw, 'latin1').toString('utf8'), disposition);
    assert.equal(reply.headers['x-amz-meta-note'], 'caf\u00e9');
    assert.equal(reply.body.toString(), 'hello');
    await assertNoOpenFiles('GET with overrides');
    // A stored Content-Disposition with a non-ASCII byte (Node mangled it after Content-Length: 500).
    const stored = 'attachment; filename="caf\u00e9.txt"';
    const putNamed = await s3('PUT', '/hdr/named', '', { 'content-disposition': stored }, Buffer.from('named'));
    assert.equal(putNamed.status, 200, putNamed.body.toString());
    const named = await s3('GET', '/hdr/named');
    assert.equal(named.status, 200, named.body.toString());
    assert.equal(named.headers['content-disposition'], stored);
    await assertNoOpenFiles('GET of a stored Content-Disposition');
  });

  test('a download the client abandons half-way closes the file', { timeout: 60_000 }, async () => {
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'GET', path: '/hdr/big', headers: signed('GET', '/hdr/big') }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', () => undefined);
      req.setTimeout(10_000, () => reject(new Error('no data')));
      req.end();
    });
    await assertNoOpenFiles('abandoned download');
    assert.equal((await s3('HEAD', '/hdr/big')).status, 200);
  });

  test('a copy that cannot create its temporary file closes the source file', { timeout: 60_000 }, async () => {
    const tmp = join(objectsDir, 'tmp');
    rmSync(tmp, { recursive: true, force: true });
    writeFileSync(tmp, 'not a folder');
    try {
      const reply = await s3('PUT', '/hdr/copy', '', { 'x-amz-copy-source': '/hdr/big' });
      assert.equal(reply.status, 500, reply.body.toString());
      assert.equal(code(reply), 'InternalError');
      await assertNoOpenFiles('failed copy');
    } finally {
      rmSync(tmp, { force: true });
      mkdirSync(tmp, { mode: 0o700 });
    }
    const copied = await s3('PUT', '/hdr/copy', '', { 'x-amz-copy-source': '/hdr/big' });
    assert.equal(copied.status, 200, copied.body.toString());
    await assertNoOpenFiles('copy');
  });
});
