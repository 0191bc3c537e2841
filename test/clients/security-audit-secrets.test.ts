import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { ListUsersCommand } from '@aws-sdk/client-iam';
import type { RunningKeysmith } from '../../src/server/start.js';
import { createLogger } from '../../src/platform/node-logger.js';
import { isAuthQueryParameter } from '../../src/audit/redact.js';
import { presignRequest, signRequest } from '../../src/sigv4/index.js';
import { nodeSigV4Crypto } from '../../src/platform/node-sigv4-crypto.js';
import { iamClient, stsClient, type Credentials } from '../support/sdk-clients.js';
import { startTestServer, TEST_ADMIN } from '../support/server.js';
import { type RawReply, sendRaw } from '../support/raw-http.js';
import { clientEnv, credentialEnv, describe, runProcess } from '../support/clients-process.js';

/**
 * Issue 8, hole 2: no signature, secret or session token, in any form, may reach the audit record
 * or the log. Before the fix a legacy (SigV2) presigned URL's Signature, AWSAccessKeyId and
 * Expires went into requestParameters of the S3 data event, so the URL could be rebuilt from
 * audit.jsonl. Every request form keysmith takes is sent here — Query header-signed (SDK v3 and
 * raw), Query presigned GET, JSON 1.1 (boto3's CloudTrail), S3 with an Authorization header
 * (boto3), S3 presigned SigV4 and SigV2 (boto3's generate_presigned_url), an aws-chunked upload
 * with chunk signatures — with temporary credentials where they can be used, plus refused ones
 * whose error messages quote the request; then audit.jsonl and every log line (debug level) are
 * searched for every signature, secret and token the clients used.
 */

const STS_VERSION = '2011-06-15';

let keysmith: RunningKeysmith;
let dataDir: string;
let port: number;
const logLines: string[] = [];
/** Every value that must never be recorded. */
const secrets = new Set<string>();
let session: Credentials & { sessionToken: string };

type Reply = RawReply;

const send = (method: string, pathAndQuery: string, headers: Record<string, string>, body?: string | Buffer): Promise<Reply> =>
  sendRaw(port, method, pathAndQuery, headers, body);

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** Remembers a value that must not be recorded, with the encodings a URL or header gives it. */
function secret(value: string): void {
  if (value.length < 8) return;
  secrets.add(value);
  secrets.add(encodeURIComponent(value));
}

function signedHeaders(call: {
  method: string;
  path: string;
  query?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  service: string;
  creds: Credentials;
  contentSha256?: string;
}): Record<string, string> {
  const headers: Record<string, string[]> = { host: [`127.0.0.1:${port}`] };
  for (const [k, v] of Object.entries(call.headers ?? {})) headers[k] = [v];
  const body = Buffer.from(call.body ?? '');
  const signed = signRequest(
    { method: call.method, rawPath: call.path, rawQuery: call.query ?? '', headers, body },
    {
      credentials: call.creds,
      region: 'us-east-1',
      service: call.service,
      nowMs: Date.now(),
      crypto: nodeSigV4Crypto,
      ...(call.contentSha256 ? { contentSha256: call.contentSha256 } : {}),
    },
  );
  secret(signed.signature);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(signed.request.headers)) out[k] = v[0]!;
  return out;
}

function presignedPath(method: string, path: string, query: string, service: string, creds: Credentials): string {
  const signed = presignRequest(
    { method, rawPath: path, rawQuery: query, headers: { host: [`127.0.0.1:${port}`] }, body: new Uint8Array(0) },
    { credentials: creds, region: 'us-east-1', service, nowMs: Date.now(), crypto: nodeSigV4Crypto, expiresSeconds: 300 },
  );
  secret(signed.signature);
  return `${path}?${signed.request.rawQuery}`;
}

/** An aws-chunked upload with signed chunks (STREAMING-AWS4-HMAC-SHA256-PAYLOAD), as SDKs stream large bodies. */
async function chunkedPut(path: string, creds: Credentials & { sessionToken: string }, data: Buffer): Promise<Reply> {
  const mode = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD';
  const headers = signedHeaders({
    method: 'PUT',
    path,
    service: 's3',
    creds,
    contentSha256: mode,
    headers: { 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': String(data.length) },
  });
  const amzDate = headers['x-amz-date']!;
  let previous = /Signature=([0-9a-f]{64})/.exec(headers.authorization!)![1]!;
  let key = createHmac('sha256', `AWS4${creds.secretAccessKey}`).update(amzDate.slice(0, 8)).digest();
  for (const part of ['us-east-1', 's3', 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
  const scope = `${amzDate.slice(0, 8)}/us-east-1/s3/aws4_request`;
  const parts: Buffer[] = [];
  for (const chunk of [data, Buffer.alloc(0)]) {
    const toSign = ['AWS4-HMAC-SHA256-PAYLOAD', amzDate, scope, previous, sha256(''), sha256(chunk)].join('\n');
    previous = createHmac('sha256', key).update(toSign).digest('hex');
    secret(previous);
    parts.push(Buffer.from(`${chunk.length.toString(16)};chunk-signature=${previous}\r\n`), chunk, Buffer.from('\r\n'));
  }
  const body = Buffer.concat(parts);
  return send('PUT', path, { ...headers, 'content-length': String(body.length) }, body);
}

/** boto3 (S3 header-signed, SigV2 and SigV4 presigned URLs, CloudTrail JSON 1.1), printing every signature it made. */
const BOTO3_SCRIPT = String.raw`
import boto3, json, os, urllib.request, urllib.error
from botocore.config import Config
ep = os.environ['KEYSMITH_ENDPOINT']
auths = []
def grab(request, **kw):
    a = request.headers.get('Authorization')
    if a:
        auths.append(a.decode() if isinstance(a, bytes) else a)
s = boto3.session.Session(aws_access_key_id=os.environ['S_KEY'], aws_secret_access_key=os.environ['S_SECRET'], aws_session_token=os.environ['S_TOKEN'], region_name='us-east-1')
def client(name, **kw):
    c = s.client(name, endpoint_url=ep, **kw)
    c.meta.events.register('before-send', grab)
    return c
s3 = client('s3')
s3.create_bucket(Bucket='audited')
s3.put_object(Bucket='audited', Key='obj', Body=b'x' * 100, Metadata={'note': 'n'})
s3.get_object(Bucket='audited', Key='obj')['Body'].read()
s3.list_objects_v2(Bucket='audited')
client('cloudtrail').lookup_events(MaxResults=1)
client('sts').get_caller_identity()
urls = []
v2 = s3.generate_presigned_url('get_object', Params={'Bucket': 'audited', 'Key': 'obj', 'ResponseContentType': 'text/plain'}, ExpiresIn=300)
urls.append(v2)
assert urllib.request.urlopen(v2).read() == b'x' * 100
v4 = client('s3', config=Config(signature_version='s3v4')).generate_presigned_url('get_object', Params={'Bucket': 'audited', 'Key': 'obj'}, ExpiresIn=300)
urls.append(v4)
assert urllib.request.urlopen(v4).read() == b'x' * 100
bad = v2.replace('Signature=', 'Signature=AAAA')
try:
    urllib.request.urlopen(bad)
    raise SystemExit('a tampered SigV2 URL was accepted')
except urllib.error.HTTPError as e:
    assert e.code == 403, e.code
urls.append(bad)
print(json.dumps({'authorizations': auths, 'urls': urls}))
`;

interface AuditRecord {
  eventName: string;
  eventSource: string;
  errorCode?: string;
  errorMessage?: string;
  requestParameters: Record<string, unknown> | null;
}

let auditText: string;
let records: AuditRecord[];

suite('security: no signature, secret or token reaches the audit record or the log', () => {
  before(async () => {
    // The server's own log, at debug, is part of what these tests read.
    const server = await startTestServer(
      { KEYSMITH_AUDIT_DATA_EVENTS: 'true', KEYSMITH_LOG_LEVEL: 'debug' },
      { logger: createLogger('debug', (line) => void logLines.push(line)) },
    );
    keysmith = server.keysmith;
    dataDir = server.dataDir;
    port = keysmith.port;
    secret(TEST_ADMIN.secretAccessKey);
    if (keysmith.bootstrap?.root) secret(keysmith.bootstrap.root.secretAccessKey);

    // Temporary credentials: their secret and token must not be recorded either.
    const sts = stsClient(keysmith.url, TEST_ADMIN);
    const issued = (await sts.send(new GetSessionTokenCommand({}))).Credentials!;
    session = { accessKeyId: issued.AccessKeyId!, secretAccessKey: issued.SecretAccessKey!, sessionToken: issued.SessionToken! };
    secret(session.secretAccessKey);
    secret(session.sessionToken);

    // SDK v3, header-signed Query (its signatures captured after signing).
    const capture = (client: { middlewareStack: { add: (m: unknown, o: unknown) => void } }) =>
      client.middlewareStack.add(
        (next: (a: unknown) => unknown) => async (args: { request: { headers: Record<string, string> } }) => {
          const m = /Signature=([0-9a-f]{64})/.exec(args.request.headers.authorization ?? '');
          if (m) secret(m[1]!);
          return next(args);
        },
        { step: 'deserialize', name: 'captureSignature' },
      );
    const sdkSts = stsClient(keysmith.url, session);
    capture(sdkSts as never);
    await sdkSts.send(new GetCallerIdentityCommand({}));
    const sdkIam = iamClient(keysmith.url, TEST_ADMIN);
    capture(sdkIam as never);
    await sdkIam.send(new ListUsersCommand({}));

    // boto3: S3 header-signed, presigned V2 and V4, CloudTrail, STS.
    const result = await runProcess('python3', ['-c', BOTO3_SCRIPT], {
      env: clientEnv({
        ...credentialEnv(TEST_ADMIN),
        KEYSMITH_ENDPOINT: keysmith.url,
        S_KEY: session.accessKeyId,
        S_SECRET: session.secretAccessKey,
        S_TOKEN: session.sessionToken,
        PYTHONDONTWRITEBYTECODE: '1',
      }),
      timeoutMs: 90_000,
    });
    assert.equal(result.code, 0, describe(result));
    const seen = JSON.parse(result.stdout) as { authorizations: string[]; urls: string[] };
    for (const a of seen.authorizations) secret(/Signature=([0-9a-f]{64})/.exec(a)![1]!);
    for (const url of seen.urls) {
      const query = new URL(url).searchParams;
      for (const name of ['Signature', 'X-Amz-Signature']) {
        const value = query.get(name);
        if (value) secret(value);
      }
    }
    assert.ok(seen.authorizations.length >= 6);

    // Raw: Query header-signed and presigned GET with the session's token, a refused presigned
    // URL, a malformed header whose error message quotes it, an aws-chunked upload.
    const form = new URLSearchParams({ Action: 'GetCallerIdentity', Version: STS_VERSION }).toString();
    const headers = signedHeaders({
      method: 'POST',
      path: '/',
      service: 'sts',
      creds: session,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    assert.equal((await send('POST', '/', headers, form)).status, 200);
    const presigned = presignedPath('GET', '/', form, 'sts', session);
    assert.equal((await send('GET', presigned, {})).status, 200);
    assert.equal((await send('GET', presigned.replace(/X-Amz-Signature=[0-9a-f]{4}/, 'X-Amz-Signature=0000'), {})).status, 403);
    const quoted = await send('POST', '/', { ...headers, authorization: `${headers.authorization} trailing-junk` }, form);
    assert.equal(quoted.status, 400, quoted.body);
    assert.match(quoted.body, /IncompleteSignature/);
    const put = await chunkedPut('/audited/chunked', session, Buffer.alloc(9000, 7));
    assert.equal(put.status, 200, put.body);

    await keysmith.close();
    auditText = readFileSync(join(dataDir, 'audit.jsonl'), 'utf8');
    records = auditText
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as AuditRecord);
  });
  after(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('every form was audited (data events on)', { timeout: 60_000 }, () => {
    const names = new Set(records.map((r) => `${r.eventSource.split('.')[0]}:${r.eventName}`));
    for (const expected of [
      'sts:GetCallerIdentity',
      'iam:ListUsers',
      's3:PutObject',
      's3:GetObject',
      's3:ListObjects',
      'cloudtrail:LookupEvents',
      's3:CreateBucket',
    ]) {
      assert.ok(
        [...names].some((n) => n.startsWith(expected)),
        `${expected} in ${[...names].join(', ')}`,
      );
    }
    assert.ok(records.some((r) => r.errorCode === 'IncompleteSignature'));
    assert.ok(
      records.some((r) => r.errorCode === 'SignatureDoesNotMatch' && r.eventSource.startsWith('s3')),
      'the tampered SigV2 URL',
    );
  });

  test('no signature, secret or token occurs in audit.jsonl', { timeout: 60_000 }, () => {
    assert.ok(secrets.size > 20, `${secrets.size} values collected`);
    for (const value of secrets) assert.ok(!auditText.includes(value), `audit.jsonl holds ${value.slice(0, 12)}…`);
  });

  test('no signature, secret or token occurs in the stored event history (its body files and the database)', { timeout: 60_000 }, () => {
    const bodiesDir = join(dataDir, 'audit-bodies');
    const bodyFiles = readdirSync(bodiesDir).map((name) => join(bodiesDir, name));
    assert.ok(bodyFiles.length > 0, 'the store kept event bodies in audit-bodies/');
    const stored = [
      ...bodyFiles,
      ...['keysmith.db', 'keysmith.db-wal'].map((name) => join(dataDir, name)).filter((path) => existsSync(path)),
    ]
      .map((path) => readFileSync(path).toString('latin1'))
      .join('\n');
    assert.match(stored, /"eventName":"GetCallerIdentity"/, 'the bodies are there to search');
    for (const value of secrets) assert.ok(!stored.includes(value), `the stored history holds ${value.slice(0, 12)}…`);
  });

  test('no signature, secret or token occurs in any log line', { timeout: 60_000 }, () => {
    assert.ok(
      logLines.some((l) => l.includes('"level":"debug"')),
      'debug lines were captured',
    );
    const logText = logLines.join('');
    for (const value of secrets) assert.ok(!logText.includes(value), `the log holds ${value.slice(0, 12)}…`);
  });

  test('requestParameters never hold the signing parameters of a URL (SigV4 or SigV2)', { timeout: 60_000 }, () => {
    for (const r of records) {
      for (const name of Object.keys(r.requestParameters ?? {})) {
        assert.ok(!isAuthQueryParameter(name), `${r.eventName} records ${name}`);
      }
    }
    // The presigned GetObject kept what is not authentication (the response override).
    assert.ok(records.some((r) => r.eventName === 'GetObject' && r.requestParameters?.['response-content-type'] === 'text/plain'));
  });

  test('an error message that quotes the Authorization header is recorded without its signature', { timeout: 60_000 }, () => {
    const quoted = records.find((r) => r.errorCode === 'IncompleteSignature')!;
    assert.match(quoted.errorMessage!, /Signature=HIDDEN_DUE_TO_SECURITY_REASONS/);
  });
});
