import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startTestServer, type TestServer } from '../support/server.js';
import { clientEnv, credentialEnv, describe, runProcess } from '../support/clients-process.js';
import { signRequest } from '../../src/sigv4/index.js';
import { nodeSigV4Crypto } from '../../src/platform/node-sigv4-crypto.js';
import { type RawReply, sendRaw } from '../support/raw-http.js';

/**
 * Issue 8, hole 4: what the XML reader refuses is the caller's error, a 400 with S3's code —
 * never a 500 with a stack trace. Before the fix an out-of-range character reference
 * (`&#x110000;`) in a Tagging document made String.fromCodePoint throw a RangeError: 500.
 * `&#0;` in a tag key is InvalidTag. Every S3 operation that reads XML is tried (tagging, bucket
 * tagging, DeleteObjects, CompleteMultipartUpload, CreateBucket). boto3 is the control; the
 * malformed documents are hand-signed (no client sends them).
 */

let server: TestServer;
let port: number;

type Reply = RawReply;

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const code = (reply: Reply) => /<Code>([^<]+)<\/Code>/.exec(reply.body)?.[1];

const send = (method: string, pathAndQuery: string, headers: Record<string, string>, body?: string | Buffer): Promise<Reply> =>
  sendRaw(port, method, pathAndQuery, headers, body);

async function s3(method: string, path: string, query: string, body = ''): Promise<Reply> {
  const headers: Record<string, string[]> = { host: [`127.0.0.1:${port}`] };
  const bytes = Buffer.from(body, 'utf8');
  const signed = signRequest(
    { method, rawPath: path, rawQuery: query, headers, body: bytes },
    {
      credentials: server.admin,
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

const tagging = (key: string, value: string) => `<Tagging><TagSet><Tag><Key>${key}</Key><Value>${value}</Value></Tag></TagSet></Tagging>`;

function refused(reply: Reply, errorCode: string): void {
  assert.equal(reply.status, 400, reply.body);
  assert.equal(code(reply), errorCode, reply.body);
  assert.doesNotMatch(reply.body, /RangeError|at \w+ \(|\.js:\d+/, 'no stack trace');
}

let uploadId: string;

suite('security: XML reader errors are 400s with S3’s codes', () => {
  before(async () => {
    server = await startTestServer();
    port = Number(new URL(server.url).port);
    const script = `import boto3
s3 = boto3.client('s3', endpoint_url='${server.url}')
s3.create_bucket(Bucket='xmlb')
s3.put_object(Bucket='xmlb', Key='obj', Body=b'data')
s3.put_object_tagging(Bucket='xmlb', Key='obj', Tagging={'TagSet': [{'Key': 'ok', 'Value': 'caf\\u00e9 \\u2603'}]})
print(s3.create_multipart_upload(Bucket='xmlb', Key='mp')['UploadId'])`;
    const result = await runProcess('python3', ['-c', script], {
      env: clientEnv({ ...credentialEnv(server.admin), PYTHONDONTWRITEBYTECODE: '1' }),
      timeoutMs: 60_000,
    });
    assert.equal(result.code, 0, describe(result));
    uploadId = result.stdout.trim();
  });
  after(async () => {
    await server?.close();
  });

  test(
    'control: character references in range are decoded (boto3 wrote é and ☃; a reference reads the same)',
    { timeout: 60_000 },
    async () => {
      const got = await s3('GET', '/xmlb/obj', 'tagging=');
      assert.match(got.body, /<Value>café ☃<\/Value>/);
      assert.equal((await s3('PUT', '/xmlb/obj', 'tagging=', tagging('ok', 'caf&#xE9; &#9731;'))).status, 200);
      assert.match((await s3('GET', '/xmlb/obj', 'tagging=')).body, /<Value>café ☃<\/Value>/);
    },
  );

  test('an out-of-range character reference is MalformedXML, not a 500', { timeout: 60_000 }, async () => {
    for (const ref of ['&#x110000;', '&#1114112;', '&#99999999999999999999999;', `&#x${'f'.repeat(40)};`, '&#xD800;', '&#57343;']) {
      refused(await s3('PUT', '/xmlb/obj', 'tagging=', tagging('k', `v${ref}`)), 'MalformedXML');
      refused(await s3('PUT', '/xmlb/obj', 'tagging=', tagging(`k${ref}`, 'v')), 'MalformedXML');
    }
  });

  test('&#0; (or any control character) in a tag key or value is InvalidTag', { timeout: 60_000 }, async () => {
    refused(await s3('PUT', '/xmlb/obj', 'tagging=', tagging('a&#0;b', 'v')), 'InvalidTag');
    refused(await s3('PUT', '/xmlb/obj', 'tagging=', tagging('k', 'v&#0;')), 'InvalidTag');
    refused(await s3('PUT', '/xmlb/obj', 'tagging=', tagging('a&#x1;b', 'v')), 'InvalidTag');
    refused(await s3('PUT', '/xmlb/obj', 'tagging=', tagging('a\u0007b', 'v')), 'InvalidTag');
    refused(await s3('PUT', '/xmlb', 'tagging=', tagging('a&#0;b', 'v')), 'InvalidTag');
    // Unchanged by the refused writes.
    assert.match((await s3('GET', '/xmlb/obj', 'tagging=')).body, /<Key>ok<\/Key><Value>café ☃<\/Value>/);
  });

  test('every XML-reading operation answers MalformedXML for a bad reference', { timeout: 60_000 }, async () => {
    refused(await s3('PUT', '/xmlb', 'tagging=', tagging('k', '&#x110000;')), 'MalformedXML');
    refused(await s3('POST', '/xmlb', 'delete=', '<Delete><Object><Key>obj&#x110000;</Key></Object></Delete>'), 'MalformedXML');
    refused(
      await s3(
        'POST',
        '/xmlb/mp',
        `uploadId=${uploadId}`,
        '<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>&#x110000;</ETag></Part></CompleteMultipartUpload>',
      ),
      'MalformedXML',
    );
    refused(
      await s3(
        'PUT',
        '/xmlb-new',
        '',
        '<CreateBucketConfiguration><LocationConstraint>eu&#x110000;</LocationConstraint></CreateBucketConfiguration>',
      ),
      'MalformedXML',
    );
    // Other reader refusals, for the record: DTDs, unknown entities, bare &, truncation, depth.
    refused(await s3('PUT', '/xmlb/obj', 'tagging=', '<!DOCTYPE x [<!ENTITY a "b">]><Tagging/>'), 'MalformedXML');
    refused(await s3('PUT', '/xmlb/obj', 'tagging=', tagging('k', '&nbsp;')), 'MalformedXML');
    refused(await s3('PUT', '/xmlb/obj', 'tagging=', tagging('k', 'a & b')), 'MalformedXML');
    refused(await s3('PUT', '/xmlb/obj', 'tagging=', '<Tagging><TagSet><Tag><Key>k</Key>'), 'MalformedXML');
    refused(await s3('PUT', '/xmlb/obj', 'tagging=', `${'<a>'.repeat(100)}${'</a>'.repeat(100)}`), 'MalformedXML');
  });

  test('the object and the server are fine afterwards', { timeout: 60_000 }, async () => {
    const got = await s3('GET', '/xmlb/obj', '');
    assert.equal(got.status, 200);
    assert.equal(got.body, 'data');
  });
});
