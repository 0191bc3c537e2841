import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTestServer, type TestServer } from '../support/server.js';
import { clientEnv, credentialEnv, describe, runProcess } from '../support/clients-process.js';
import { presignRequest, signRequest } from '../../src/sigv4/index.js';
import { nodeSigV4Crypto } from '../../src/platform/node-sigv4-crypto.js';

/**
 * Issue 8, hole 5: request-controlled values are checked before they reach Node's header writer,
 * and every file keysmith opens is closed on every path. Before the fix a CR/LF in
 * `response-content-type` (GetObject's response overrides) made writeHead throw: a 500, and the
 * object's file stayed open until garbage collection. Now: 400 InvalidArgument, checked before
 * the file is opened. Open files are counted in /proc/self/fd (the server runs in this process).
 */

let server: TestServer;
let port: number;
let objectsDir: string;

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
  body: Buffer;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const code = (reply: Reply) => /<Code>([^<]+)<\/Code>/.exec(reply.body.toString('utf8'))?.[1];

function send(method: string, pathAndQuery: string, headers: Record<string, string>, body?: string | Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path: pathAndQuery, headers }, (res) => {
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
  const headers: Record<string, string[]> = { host: [`127.0.0.1:${port}`] };
  for (const [k, v] of Object.entries(extra)) headers[k] = [v];
  const result = signRequest(
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
    { method: 'GET', rawPath: path, rawQuery: query, headers: { host: [`127.0.0.1:${port}`] }, body: new Uint8Array(0) },
    { credentials: server.admin, region: 'us-east-1', service: 's3', nowMs: Date.now(), crypto: nodeSigV4Crypto, expiresSeconds: 300 },
  );
  return `${path}?${result.request.rawQuery}`;
}

/** Files under the objects folder this process has open right now. */
function openObjectFiles(): string[] {
  const open: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      if (target.startsWith(objectsDir)) open.push(target);
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

const rfc3986 = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

suite('security: header values checked before Node writes them; files closed on every path', () => {
  before(async () => {
    server = await startTestServer();
    port = Number(new URL(server.url).port);
    objectsDir = join(server.dataDir, 'objects');
    assert.equal((await s3('PUT', '/hdr')).status, 200);
    assert.equal(
      (await s3('PUT', '/hdr/obj', '', { 'content-type': 'text/plain', 'x-amz-meta-note': 'caf\u00e9' }, Buffer.from('hello'))).status,
      200,
    );
    assert.equal((await s3('PUT', '/hdr/big', '', {}, Buffer.alloc(4 * 1024 * 1024, 1))).status, 200);
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

  test('boto3 presigned URLs (SigV2 and SigV4) with a CR/LF override get 400, not 500', { timeout: 60_000 }, async () => {
    const script = `import boto3, urllib.request, urllib.error
from botocore.config import Config
for config in (None, Config(signature_version='s3v4')):
    s3 = boto3.client('s3', endpoint_url='${server.url}', config=config)
    url = s3.generate_presigned_url('get_object', Params={'Bucket': 'hdr', 'Key': 'obj', 'ResponseContentDisposition': 'attachment\\r\\nSet-Cookie: x=1'}, ExpiresIn=300)
    try:
        urllib.request.urlopen(url)
        print('accepted')
    except urllib.error.HTTPError as e:
        print(e.code, e.read().decode().split('<Code>')[1].split('</Code>')[0])
`;
    const result = await runProcess('python3', ['-c', script], {
      env: clientEnv({ ...credentialEnv(server.admin), PYTHONDONTWRITEBYTECODE: '1' }),
      timeoutMs: 60_000,
    });
    assert.equal(result.code, 0, describe(result));
    assert.deepEqual(result.stdout.trim().split('\n'), ['400 InvalidArgument', '400 InvalidArgument']);
    await assertNoOpenFiles('boto3');
  });

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
