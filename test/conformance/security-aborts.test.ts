import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RunningKeysmith } from '../../src/server/start.js';
import { createLogger } from '../../src/platform/node-logger.js';
import { signRequest } from '../../src/sigv4/index.js';
import { nodeSigV4Crypto } from '../../src/platform/node-sigv4-crypto.js';
import { startTestServer, TEST_ADMIN } from '../support/server.js';
import { type RawReply, sendRaw } from '../support/raw-http.js';

/**
 * Issue 8, hole 6: a client that disconnects in the middle of its body is the client's doing.
 * Before the fix it was logged at `error` level and audited as InternalError. Now: one debug log
 * line, an audit event with a client error code (S3: IncompleteBody; Query: MalformedQueryString;
 * JSON 1.1: SerializationException), never a 5xx, nothing written, and the server keeps serving.
 * Every way a body is read is cut off: S3 object data (plain and aws-chunked), an S3 XML
 * document, a Query form, a JSON document. (No real client can be made to hang up half-way, so
 * the requests are signed here and the socket destroyed.)
 */

let keysmith: RunningKeysmith;
let dataDir: string;
let port: number;
const logLines: string[] = [];

type Reply = RawReply;

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

const send = (method: string, pathAndQuery: string, headers: Record<string, string>, body?: string | Buffer): Promise<Reply> =>
  sendRaw(port, method, pathAndQuery, headers, body);

function sign(
  method: string,
  path: string,
  query: string,
  service: string,
  body: Buffer,
  extra: Record<string, string> = {},
  contentSha256?: string,
): Record<string, string> {
  const headers: Record<string, string[]> = { host: [`127.0.0.1:${port}`] };
  for (const [k, v] of Object.entries(extra)) headers[k] = [v];
  const signed = signRequest(
    { method, rawPath: path, rawQuery: query, headers, body },
    {
      credentials: TEST_ADMIN,
      region: 'us-east-1',
      service,
      nowMs: Date.now(),
      crypto: nodeSigV4Crypto,
      ...(contentSha256 ? { contentSha256 } : {}),
    },
  );
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(signed.request.headers)) out[k] = v[0]!;
  out['content-length'] = String(body.length);
  return out;
}

/** Sends the headers and `sent` bytes of `body`, then hangs up; resolves once the socket is gone. */
function hangUp(method: string, pathAndQuery: string, headers: Record<string, string>, body: Buffer, sent: number): Promise<void> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, method, path: pathAndQuery, headers });
    req.on('error', () => undefined);
    req.on('close', () => resolve());
    req.flushHeaders();
    req.write(body.subarray(0, sent), () => {
      setTimeout(() => req.destroy(), 100);
    });
  });
}

async function s3(method: string, path: string, query = '', body = Buffer.alloc(0)): Promise<Reply> {
  return send(
    method,
    path + (query ? `?${query}` : ''),
    sign(method, path, query, 's3', body, {}, sha256(body)),
    body.length > 0 ? body : undefined,
  );
}

/** Still answering, and answering right. */
async function serving(): Promise<void> {
  await sleep(150);
  const reply = await s3('GET', '/');
  assert.equal(reply.status, 200, reply.body);
}

interface AuditRecord {
  eventName: string;
  eventSource: string;
  errorCode?: string;
}

let records: AuditRecord[];

suite('security: clients that hang up mid-body', () => {
  before(async () => {
    // The server's own log, at debug, is part of what these tests read.
    const server = await startTestServer(
      { KEYSMITH_AUDIT_DATA_EVENTS: 'true', KEYSMITH_LOG_LEVEL: 'debug' },
      { logger: createLogger('debug', (line) => void logLines.push(line)) },
    );
    keysmith = server.keysmith;
    dataDir = server.dataDir;
    port = keysmith.port;
    assert.equal((await s3('PUT', '/cut')).status, 200);
    assert.equal((await s3('PUT', '/cut/tagged', '', Buffer.from('x'))).status, 200);
  });
  after(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('S3 PutObject: the upload stops half-way', { timeout: 60_000 }, async () => {
    const data = Buffer.alloc(1024 * 1024, 3);
    await hangUp('PUT', '/cut/plain', sign('PUT', '/cut/plain', '', 's3', data, {}, sha256(data)), data, 100 * 1024);
    await serving();
    assert.equal((await s3('HEAD', '/cut/plain')).status, 404);
  });

  test('S3 aws-chunked upload: the stream stops inside a chunk', { timeout: 60_000 }, async () => {
    const mode = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD';
    const data = Buffer.alloc(64 * 1024, 5);
    const headers = sign(
      'PUT',
      '/cut/chunked',
      '',
      's3',
      Buffer.alloc(0),
      { 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': String(data.length) },
      mode,
    );
    const amzDate = headers['x-amz-date']!;
    let key = createHmac('sha256', `AWS4${TEST_ADMIN.secretAccessKey}`).update(amzDate.slice(0, 8)).digest();
    for (const part of ['us-east-1', 's3', 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
    const seed = /Signature=([0-9a-f]{64})/.exec(headers.authorization!)![1]!;
    const toSign = [
      'AWS4-HMAC-SHA256-PAYLOAD',
      amzDate,
      `${amzDate.slice(0, 8)}/us-east-1/s3/aws4_request`,
      seed,
      sha256(''),
      sha256(data),
    ].join('\n');
    const chunkSignature = createHmac('sha256', key).update(toSign).digest('hex');
    const body = Buffer.concat([
      Buffer.from(`${data.length.toString(16)};chunk-signature=${chunkSignature}\r\n`),
      data,
      Buffer.from('\r\n0;chunk-signature=x\r\n\r\n'),
    ]);
    await hangUp('PUT', '/cut/chunked', { ...headers, 'content-length': String(body.length) }, body, 20 * 1024);
    await serving();
    assert.equal((await s3('HEAD', '/cut/chunked')).status, 404);
  });

  test('S3 PutObjectTagging: the XML document stops half-way', { timeout: 60_000 }, async () => {
    const doc = Buffer.from(`<Tagging><TagSet><Tag><Key>a</Key><Value>${'v'.repeat(200)}</Value></Tag></TagSet></Tagging>`);
    await hangUp('PUT', '/cut/tagged?tagging=', sign('PUT', '/cut/tagged', 'tagging=', 's3', doc, {}, sha256(doc)), doc, 40);
    await serving();
    assert.doesNotMatch((await s3('GET', '/cut/tagged', 'tagging=')).body, /<Key>a<\/Key>/);
  });

  test('Query: the form stops half-way', { timeout: 60_000 }, async () => {
    const form = Buffer.from(`Action=CreateUser&Version=2010-05-08&UserName=cut-user&Path=/${'p'.repeat(400)}/`);
    await hangUp('POST', '/', sign('POST', '/', '', 'iam', form, { 'content-type': 'application/x-www-form-urlencoded' }), form, 30);
    await serving();
    const check = Buffer.from('Action=GetUser&Version=2010-05-08&UserName=cut-user');
    const reply = await send(
      'POST',
      '/',
      sign('POST', '/', '', 'iam', check, { 'content-type': 'application/x-www-form-urlencoded' }),
      check,
    );
    assert.match(reply.body, /NoSuchEntity/);
  });

  test('JSON 1.1: the document stops half-way', { timeout: 60_000 }, async () => {
    const doc = Buffer.from(`{"MaxResults": 5, "pad": "${'x'.repeat(1000)}"}`);
    const headers = sign('POST', '/', '', 'cloudtrail', doc, {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents',
    });
    await hangUp('POST', '/', headers, doc, 20);
    await serving();
  });

  test('audited with client error codes, never a 5xx; logged at debug, never error; nothing left behind', { timeout: 60_000 }, async () => {
    await keysmith.close();
    records = readFileSync(join(dataDir, 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as AuditRecord);
    const codes = records
      .filter((r) => r.errorCode !== undefined)
      .map((r) => `${r.eventSource.split('.')[0]}:${r.eventName}:${r.errorCode}`);
    for (const expected of [
      's3:PutObject:IncompleteBody', // plain
      's3:PutObjectTagging:IncompleteBody',
      'iam:Unknown:MalformedQueryString', // the form was never whole, so never parsed
      'cloudtrail:LookupEvents:SerializationException',
    ]) {
      assert.ok(codes.includes(expected), `${expected} in ${codes.join(', ')}`);
    }
    assert.equal(codes.filter((c) => c === 's3:PutObject:IncompleteBody').length, 2, 'plain and aws-chunked');
    assert.ok(!records.some((r) => /Internal|ServiceFailure|ServiceUnavailable/.test(r.errorCode ?? '')), codes.join(', '));
    const errors = logLines.filter((l) => l.includes('"level":"error"'));
    assert.deepEqual(errors, []);
    const debug = logLines.filter(
      (l) => l.includes('"level":"debug"') && /IncompleteBody|MalformedQueryString|SerializationException/.test(l),
    );
    assert.ok(debug.length >= 5, debug.join('\n'));
    assert.deepEqual(readdirSync(join(dataDir, 'objects', 'tmp')), [], 'no temporary file left');
  });
});
