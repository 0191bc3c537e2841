import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { SignatureV4 } from '@smithy/signature-v4';
import { startTestServer, type TestServer } from '../support/server.js';
import { iamClient, type Credentials } from '../support/sdk-clients.js';
import { PutUserPermissionsBoundaryCommand } from '@aws-sdk/client-iam';
import { allow, createManagedPolicy, createUser, policyDoc } from '../support/sts-helpers.js';
import { AwsChunkedDecoder, ChunkedBodyError } from '../../src/protocol/rest-xml/aws-chunked.js';
import { newChecksummer } from '../../src/services/s3/files/checksums.js';
import { type RawReply, sendRaw } from '../support/raw-http.js';

/**
 * S3 on the wire, with hand-built requests signed by the AWS SDK's own SigV4 signer
 * (@smithy/signature-v4) and, for aws-chunked uploads, chunk signatures computed here from the
 * SigV4 streaming specification: streaming uploads (signed chunks, signed and unsigned trailers,
 * tampering), payload integrity headers, SigV4 presigned URLs and their expiry, virtual-hosted
 * addressing, anonymous access under a bucket policy, S3 condition keys, error documents, ranges
 * and conditional reads.
 */

let server: TestServer;
let port: number;
const admin = (): Credentials => server.admin;

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const EMPTY_SHA256 = sha256('');

function bytes(data: Uint8Array | ArrayBuffer | ArrayBufferView): Buffer {
  return data instanceof ArrayBuffer ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** The signer's hash interface over node:crypto. */
class Sha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: string | Uint8Array | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', typeof secret === 'string' ? secret : bytes(secret));
  }
  update(data: string | Uint8Array | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(typeof data === 'string' ? data : bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

const signer = (creds: Credentials) =>
  new SignatureV4({ credentials: creds, region: 'us-east-1', service: 's3', sha256: Sha256, uriEscapePath: false, applyChecksum: false });

type Reply = RawReply;

const send = (method: string, pathAndQuery: string, headers: Record<string, string>, body?: string | Buffer): Promise<Reply> =>
  sendRaw(port, method, pathAndQuery, headers, body);

interface S3Call {
  method?: string;
  /** Encoded path, e.g. `/bucket/key`. */
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** x-amz-content-sha256; default the body's SHA-256. */
  payloadHash?: string;
  host?: string;
  creds?: Credentials;
  signingDate?: Date;
}

function queryString(query: Record<string, string> | undefined): string {
  if (!query || Object.keys(query).length === 0) return '';
  return (
    '?' +
    Object.entries(query)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
      .join('&')
  );
}

/** Signs (Authorization header) and sends. */
async function s3(call: S3Call): Promise<Reply & { signature: string; amzDate: string }> {
  const body = call.body ?? '';
  const host = call.host ?? `127.0.0.1:${port}`;
  const headers: Record<string, string> = { host, 'x-amz-content-sha256': call.payloadHash ?? sha256(body), ...call.headers };
  const signed = await signer(call.creds ?? admin()).sign(
    {
      method: call.method ?? 'GET',
      protocol: 'http:',
      hostname: host.split(':')[0]!,
      port,
      path: call.path,
      query: call.query ?? {},
      headers,
      body,
    },
    call.signingDate ? { signingDate: call.signingDate } : {},
  );
  const signature = /Signature=([0-9a-f]{64})/.exec(signed.headers.authorization!)![1]!;
  const reply = await send(
    call.method ?? 'GET',
    call.path + queryString(call.query),
    { ...signed.headers, 'content-length': String(Buffer.byteLength(body)) },
    body === '' ? undefined : body,
  );
  return { ...reply, signature, amzDate: signed.headers['x-amz-date']! };
}

/**
 * A SigV4 presigned URL (path and query) made by the SDK's signer, as @aws-sdk/s3-request-presigner
 * does it: the payload is UNSIGNED-PAYLOAD (the header is hoisted into the query).
 */
async function presign(method: string, path: string, expiresIn: number, signingDate?: Date): Promise<string> {
  const host = `127.0.0.1:${port}`;
  const signed = await signer(admin()).presign(
    {
      method,
      protocol: 'http:',
      hostname: '127.0.0.1',
      port,
      path,
      query: {},
      headers: { host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    },
    { expiresIn, ...(signingDate ? { signingDate } : {}) },
  );
  return path + queryString(signed.query as Record<string, string>);
}

function code(reply: Reply): string | undefined {
  return /<Code>([^<]+)<\/Code>/.exec(reply.body)?.[1];
}

function expectError(reply: Reply, status: number, errorCode: string): void {
  assert.equal(reply.status, status, reply.body);
  assert.equal(code(reply), errorCode, reply.body);
}

// ---- aws-chunked, built here from the SigV4 streaming specification ----

function signingKey(secret: string, date: string): Buffer {
  let k = createHmac('sha256', `AWS4${secret}`).update(date).digest();
  for (const part of ['us-east-1', 's3', 'aws4_request']) k = createHmac('sha256', k).update(part).digest();
  return k;
}

interface ChunkPlan {
  chunks: Buffer[];
  /** Signed chunks (and trailer), seeded with the request signature; unsigned when absent. */
  signing?: { key: Buffer; amzDate: string; seed: string };
  trailer?: Record<string, string>;
  /** Change the encoded body after signing (tampering). */
  tamper?: (encoded: Buffer) => Buffer;
}

function encodeChunks(plan: ChunkPlan): Buffer {
  const parts: Buffer[] = [];
  const s = plan.signing;
  const scope = s ? `${s.amzDate.slice(0, 8)}/us-east-1/s3/aws4_request` : '';
  let previous = s?.seed ?? '';
  const sign = (kind: string, hash: string, withEmpty: boolean) => {
    const lines = [kind, s!.amzDate, scope, previous, ...(withEmpty ? [EMPTY_SHA256] : []), hash];
    previous = createHmac('sha256', s!.key).update(lines.join('\n')).digest('hex');
    return previous;
  };
  for (const chunk of [...plan.chunks, Buffer.alloc(0)]) {
    const ext = s ? `;chunk-signature=${sign('AWS4-HMAC-SHA256-PAYLOAD', sha256(chunk), true)}` : '';
    parts.push(Buffer.from(`${chunk.length.toString(16)}${ext}\r\n`), chunk);
    if (chunk.length > 0) parts.push(Buffer.from('\r\n'));
  }
  if (plan.trailer) {
    const text = Object.entries(plan.trailer)
      .map(([k, v]) => `${k}:${v}\n`)
      .join('');
    parts.push(Buffer.from(text.replace(/\n/g, '\r\n')));
    if (s) parts.push(Buffer.from(`x-amz-trailer-signature:${sign('AWS4-HMAC-SHA256-TRAILER', sha256(text), false)}\r\n`));
  }
  parts.push(Buffer.from('\r\n'));
  const encoded = Buffer.concat(parts);
  return plan.tamper ? plan.tamper(encoded) : encoded;
}

type StreamingMode =
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD' | 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER' | 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';

/** PutObject with an aws-chunked body: signs the headers, then the chunks from the seed signature. */
async function streamingPut(path: string, mode: StreamingMode, plan: Omit<ChunkPlan, 'signing'>, decodedLength?: number): Promise<Reply> {
  const host = `127.0.0.1:${port}`;
  const total = plan.chunks.reduce((n, c) => n + c.length, 0);
  const headers: Record<string, string> = {
    host,
    'x-amz-content-sha256': mode,
    'content-encoding': 'aws-chunked',
    'x-amz-decoded-content-length': String(decodedLength ?? total),
    ...(plan.trailer ? { 'x-amz-trailer': Object.keys(plan.trailer).join(',') } : {}),
  };
  const signed = await signer(admin()).sign({ method: 'PUT', protocol: 'http:', hostname: '127.0.0.1', port, path, query: {}, headers });
  const seed = /Signature=([0-9a-f]{64})/.exec(signed.headers.authorization!)![1]!;
  const amzDate = signed.headers['x-amz-date']!;
  const signing =
    mode === 'STREAMING-UNSIGNED-PAYLOAD-TRAILER'
      ? undefined
      : { key: signingKey(admin().secretAccessKey, amzDate.slice(0, 8)), amzDate, seed };
  const body = encodeChunks({ ...plan, signing });
  return send('PUT', path, { ...signed.headers, 'content-length': String(body.length) }, body);
}

const crc32Base64 = (data: Buffer) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(crc32(data) >>> 0);
  return b.toString('base64');
};

suite('S3 on the wire', () => {
  before(async () => {
    server = await startTestServer();
    port = Number(new URL(server.url).port);
    for (const bucket of ['wire', 'wire-conditions']) assert.equal((await s3({ method: 'PUT', path: `/${bucket}` })).status, 200);
  });
  after(async () => {
    await server?.close();
  });

  test('the aws-chunked decoder reproduces the example of the AWS SigV4 streaming documentation', () => {
    // "Signature Calculations for the Authorization Header: Transferring Payload in Multiple
    // Chunks": 65536 + 1024 bytes of 'a', seed signature and the three chunk signatures.
    const key = signingKey('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', '20130524');
    const crypto = {
      sha256: () => {
        const h = createHash('sha256');
        return { update: (d: Uint8Array) => void h.update(d), digestHex: () => h.digest('hex') };
      },
      sha256Hex: (t: string) => sha256(t),
      sign: (s: string) => createHmac('sha256', key).update(s).digest('hex'),
      constantTimeEqualHex: (a: string, b: string) => a === b,
    };
    const body = Buffer.concat([
      Buffer.from('10000;chunk-signature=ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648\r\n'),
      Buffer.alloc(65536, 'a'),
      Buffer.from('\r\n'),
      Buffer.from('400;chunk-signature=0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497\r\n'),
      Buffer.alloc(1024, 'a'),
      Buffer.from('\r\n'),
      Buffer.from('0;chunk-signature=b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9\r\n\r\n'),
    ]);
    const signature = {
      seed: '4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9',
      amzDate: '20130524T000000Z',
      scope: '20130524/us-east-1/s3/aws4_request',
    };
    const decoder = new AwsChunkedDecoder({ signature, trailer: false, crypto });
    // Fed in awkward pieces: chunk headers and data split anywhere.
    let size = 0;
    for (let i = 0; i < body.length; i += 777) for (const piece of decoder.push(body.subarray(i, i + 777))) size += piece.length;
    decoder.end();
    assert.equal(size, 66560);
    const tampered = Buffer.from(body);
    tampered[200] = 0x62; // one 'a' of the first chunk becomes 'b'
    const again = new AwsChunkedDecoder({ signature, trailer: false, crypto });
    assert.throws(
      () => again.push(tampered),
      (e: unknown) => e instanceof ChunkedBodyError && e.code === 'SignatureDoesNotMatch',
    );
  });

  test('checksum algorithms match their published check values', () => {
    const check = (algorithm: Parameters<typeof newChecksummer>[0]) => {
      const c = newChecksummer(algorithm);
      c.update(Buffer.from('1234'));
      c.update(Buffer.from('56789'));
      return Buffer.from(c.digestBase64(), 'base64').toString('hex');
    };
    assert.equal(check('CRC32'), 'cbf43926');
    assert.equal(check('CRC32C'), 'e3069283');
    assert.equal(check('CRC64NVME'), 'ae8b14860a799888');
    assert.equal(check('SHA1'), 'f7c3bc1d808e04732adf679965ccc34ca7ae3441');
  });

  test('streaming upload with signed chunks: stored when every chunk signature is right, refused when one chunk was altered', async () => {
    const chunks = [Buffer.alloc(65536, 'x'), Buffer.alloc(65536, 'y'), Buffer.from('tail')];
    const ok = await streamingPut('/wire/chunked', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', { chunks });
    assert.equal(ok.status, 200, ok.body);
    assert.equal(ok.headers.etag, `"${createHash('md5').update(Buffer.concat(chunks)).digest('hex')}"`);
    const got = await s3({ path: '/wire/chunked' });
    assert.equal(got.body, Buffer.concat(chunks).toString('utf8'));
    assert.equal(got.headers['content-encoding'], undefined, "aws-chunked is not the object's encoding");

    // One byte of the second chunk changed after signing: that chunk's signature no longer matches.
    const tampered = await streamingPut('/wire/chunked', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', {
      chunks: [Buffer.alloc(65536, 'q'), Buffer.alloc(65536, 'r'), Buffer.from('tail')],
      tamper: (b) => {
        const copy = Buffer.from(b);
        copy[copy.indexOf('r') + 10] = 0x73;
        return copy;
      },
    });
    expectError(tampered, 403, 'SignatureDoesNotMatch');
    // Chunks from another upload spliced in after a valid first chunk.
    const spliced = await streamingPut('/wire/chunked', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', {
      chunks: [Buffer.alloc(65536, 'q')],
      tamper: (b) => Buffer.concat([b.subarray(0, b.indexOf('\r\n0;') + 2), Buffer.from(`0;chunk-signature=${'0'.repeat(64)}\r\n\r\n`)]),
    });
    expectError(spliced, 403, 'SignatureDoesNotMatch');
    // Cut short: the last chunk never arrives.
    const truncated = await streamingPut('/wire/chunked', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', {
      chunks: [Buffer.alloc(9000, 'z')],
      tamper: (b) => b.subarray(0, 5000),
    });
    expectError(truncated, 400, 'IncompleteBody');
    // x-amz-decoded-content-length that does not add up.
    const wrongLength = await streamingPut('/wire/chunked', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', { chunks: [Buffer.from('abc')] }, 4);
    expectError(wrongLength, 400, 'IncompleteBody');
    assert.equal(
      (await s3({ path: '/wire/chunked' })).body,
      Buffer.concat(chunks).toString('utf8'),
      'refused uploads left the object as it was',
    );
  });

  test('streaming uploads with trailers: the CRC32 in the trailer is checked, and a signed trailer must keep its signature', async () => {
    const data = Buffer.from('trailer checked data');
    const good = { 'x-amz-checksum-crc32': crc32Base64(data) };
    assert.equal(
      (await streamingPut('/wire/unsigned-trailer', 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', { chunks: [data], trailer: good })).status,
      200,
    );
    const head = await s3({ method: 'HEAD', path: '/wire/unsigned-trailer', headers: { 'x-amz-checksum-mode': 'ENABLED' } });
    assert.equal(head.headers['x-amz-checksum-crc32'], good['x-amz-checksum-crc32']);
    const bad = await streamingPut('/wire/unsigned-trailer-bad', 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', {
      chunks: [data],
      trailer: { 'x-amz-checksum-crc32': crc32Base64(Buffer.from('other')) },
    });
    expectError(bad, 400, 'BadDigest');

    const big = [Buffer.alloc(8192, 's'), Buffer.from('end')];
    const signedTrailer = { 'x-amz-checksum-crc32': crc32Base64(Buffer.concat(big)) };
    assert.equal(
      (await streamingPut('/wire/signed-trailer', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER', { chunks: big, trailer: signedTrailer }))
        .status,
      200,
    );
    const forged = await streamingPut('/wire/signed-trailer-forged', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER', {
      chunks: big,
      trailer: signedTrailer,
      // The checksum is swapped after the trailer was signed.
      tamper: (b) =>
        Buffer.from(b.toString('latin1').replace(signedTrailer['x-amz-checksum-crc32'], crc32Base64(Buffer.from('forged'))), 'latin1'),
    });
    expectError(forged, 403, 'SignatureDoesNotMatch');
    for (const key of ['unsigned-trailer-bad', 'signed-trailer-forged']) expectError(await s3({ path: `/wire/${key}` }), 404, 'NoSuchKey');
  });

  test('payload integrity: signed SHA-256, Content-MD5 and x-amz-checksum-* must match the bytes received', async () => {
    const body = 'integrity';
    expectError(
      await s3({ method: 'PUT', path: '/wire/i1', body, payloadHash: sha256('something else') }),
      400,
      'XAmzContentSHA256Mismatch',
    );
    expectError(
      await s3({ method: 'PUT', path: '/wire/i2', body, headers: { 'content-md5': createHash('md5').update('nope').digest('base64') } }),
      400,
      'BadDigest',
    );
    expectError(await s3({ method: 'PUT', path: '/wire/i3', body, headers: { 'content-md5': 'not-base64-md5' } }), 400, 'InvalidDigest');
    expectError(
      await s3({ method: 'PUT', path: '/wire/i4', body, headers: { 'x-amz-checksum-crc32': crc32Base64(Buffer.from('nope')) } }),
      400,
      'BadDigest',
    );
    const good = await s3({
      method: 'PUT',
      path: '/wire/i5',
      body,
      payloadHash: 'UNSIGNED-PAYLOAD',
      headers: { 'content-md5': createHash('md5').update(body).digest('base64'), 'x-amz-checksum-crc32': crc32Base64(Buffer.from(body)) },
    });
    assert.equal(good.status, 200, good.body);
    for (const key of ['i1', 'i2', 'i3', 'i4']) expectError(await s3({ path: `/wire/${key}` }), 404, 'NoSuchKey');
    // A body signed with the wrong key is refused before anything is stored.
    expectError(
      await s3({ method: 'PUT', path: '/wire/i6', body, creds: { ...admin(), secretAccessKey: 'wrong' } }),
      403,
      'SignatureDoesNotMatch',
    );
    expectError(
      await s3({ method: 'PUT', path: '/wire/i7', body, creds: { accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secretAccessKey: 'x' } }),
      403,
      'InvalidAccessKeyId',
    );
  });

  test('SigV4 presigned GET and PUT work until they expire', async () => {
    const put = await presign('PUT', '/wire/presigned.txt', 60);
    assert.equal((await send('PUT', put, { host: `127.0.0.1:${port}` }, 'via presigned put')).status, 200);
    const get = await presign('GET', '/wire/presigned.txt', 60);
    const got = await send('GET', get, { host: `127.0.0.1:${port}` });
    assert.equal(got.status, 200);
    assert.equal(got.body, 'via presigned put');
    const old = await presign('GET', '/wire/presigned.txt', 5, new Date(Date.now() - 10_000));
    const expired = await send('GET', old, { host: `127.0.0.1:${port}` });
    expectError(expired, 403, 'AccessDenied');
    assert.match(expired.body, /<Message>Request has expired<\/Message>/);
    expectError(await send('GET', get.replace('presigned.txt', 'other.txt'), { host: `127.0.0.1:${port}` }), 403, 'SignatureDoesNotMatch');
  });

  test('virtual-hosted style: the bucket comes from the Host header', async () => {
    const host = `wire.localhost:${port}`;
    assert.equal((await s3({ method: 'PUT', path: '/vhost/key.txt', host, body: 'virtual' })).status, 200);
    assert.equal((await s3({ path: '/wire/vhost/key.txt' })).body, 'virtual', 'the same object, path style');
    const listed = await s3({ path: '/', host, query: { 'list-type': '2', prefix: 'vhost/' } });
    assert.match(listed.body, /<Name>wire<\/Name>/);
    assert.match(listed.body, /<Key>vhost\/key\.txt<\/Key>/);
  });

  test('errors are S3 error documents with request ids; HEAD errors have no body; a missing key is AccessDenied without s3:ListBucket', async () => {
    const missing = await s3({ path: '/wire/no/such/key' });
    expectError(missing, 404, 'NoSuchKey');
    assert.match(
      missing.body,
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>NoSuchKey<\/Code><Message>The specified key does not exist.<\/Message><Key>no\/such\/key<\/Key><Resource>\/wire\/no\/such\/key<\/Resource><RequestId>[0-9A-F]{16}<\/RequestId><HostId>[^<]+<\/HostId><\/Error>$/,
    );
    assert.match(String(missing.headers['x-amz-request-id']), /^[0-9A-F]{16}$/);
    assert.ok(missing.headers['x-amz-id-2']);
    expectError(await s3({ path: '/no-such-bucket-here/key' }), 404, 'NoSuchBucket');
    const head = await s3({ method: 'HEAD', path: '/wire/no/such/key' });
    assert.deepEqual([head.status, head.body], [404, '']);
    expectError(await s3({ method: 'PATCH', path: '/wire/x' }), 405, 'MethodNotAllowed');
    expectError(await s3({ path: '/wire', query: { cors: '' } }), 501, 'NotImplemented');

    const iam = iamClient(server.url, admin());
    const reader = await createUser(iam, 'wire-reader', policyDoc(allow('s3:GetObject', 'arn:aws:s3:::wire/*')));
    expectError(await s3({ path: '/wire/no/such/key', creds: reader.creds }), 403, 'AccessDenied');
    const denied = await s3({ method: 'PUT', path: '/wire/denied', body: 'x', creds: reader.creds });
    expectError(denied, 403, 'AccessDenied');
    assert.match(denied.body, /<Message>Access Denied<\/Message>/);

    expectError(await s3({ method: 'DELETE', path: '/wire' }), 409, 'BucketNotEmpty');
  });

  test('ranges and conditional requests', async () => {
    const put = await s3({ method: 'PUT', path: '/wire/range.txt', body: '0123456789' });
    const etag = put.headers.etag as string;
    const part = await s3({ path: '/wire/range.txt', headers: { range: 'bytes=2-5' } });
    assert.deepEqual([part.status, part.body, part.headers['content-range']], [206, '2345', 'bytes 2-5/10']);
    assert.equal((await s3({ path: '/wire/range.txt', headers: { range: 'bytes=-3' } })).body, '789');
    assert.equal((await s3({ path: '/wire/range.txt', headers: { range: 'bytes=7-' } })).body, '789');
    const unsatisfiable = await s3({ path: '/wire/range.txt', headers: { range: 'bytes=10-' } });
    expectError(unsatisfiable, 416, 'InvalidRange');
    assert.equal(unsatisfiable.headers['content-range'], 'bytes */10');
    assert.equal((await s3({ path: '/wire/range.txt', headers: { 'if-none-match': etag } })).status, 304);
    assert.equal((await s3({ path: '/wire/range.txt', headers: { 'if-match': etag } })).status, 200);
    expectError(await s3({ path: '/wire/range.txt', headers: { 'if-match': '"0000"' } }), 412, 'PreconditionFailed');
    assert.equal(
      (await s3({ path: '/wire/range.txt', headers: { 'if-modified-since': new Date(Date.now() + 60_000).toUTCString() } })).status,
      304,
    );
    expectError(
      await s3({ path: '/wire/range.txt', headers: { 'if-unmodified-since': 'Mon, 01 Jan 2001 00:00:00 GMT' } }),
      412,
      'PreconditionFailed',
    );
    // Conditional write: If-None-Match: * refuses to replace.
    expectError(
      await s3({ method: 'PUT', path: '/wire/range.txt', body: 'new', headers: { 'if-none-match': '*' } }),
      412,
      'PreconditionFailed',
    );
    assert.equal((await s3({ path: '/wire/range.txt' })).body, '0123456789');
  });

  test('multipart: part order, ETags and sizes are checked; ListParts pages; UploadPartCopy; an aborted upload is gone', async () => {
    const tag = (reply: Reply, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(reply.body)?.[1];
    const md5hex = (b: Buffer) => createHash('md5').update(b).digest('hex');
    const start = async (key: string) => tag(await s3({ method: 'POST', path: `/wire/${key}`, query: { uploads: '' } }), 'UploadId')!;
    const part = (key: string, uploadId: string, n: number, body: Buffer) =>
      s3({ method: 'PUT', path: `/wire/${key}`, query: { partNumber: String(n), uploadId }, body, payloadHash: 'UNSIGNED-PAYLOAD' });
    const complete = (key: string, uploadId: string, parts: Array<[number, string]>) =>
      s3({
        method: 'POST',
        path: `/wire/${key}`,
        query: { uploadId },
        body: `<CompleteMultipartUpload>${parts.map(([n, e]) => `<Part><PartNumber>${n}</PartNumber><ETag>${e}</ETag></Part>`).join('')}</CompleteMultipartUpload>`,
      });

    const p1 = Buffer.alloc(5 * 1024 * 1024, 'a');
    const p2 = Buffer.from('small middle part');
    const p3 = Buffer.from('last part');
    const id = await start('mp');
    const etags = [] as string[];
    for (const [n, body] of [
      [1, p1],
      [2, p2],
      [3, p3],
    ] as const)
      etags.push((await part('mp', id, n, body)).headers.etag as string);
    assert.equal(etags[0], `"${md5hex(p1)}"`);
    const page = await s3({ path: '/wire/mp', query: { uploadId: id, 'max-parts': '2' } });
    assert.deepEqual([tag(page, 'IsTruncated'), tag(page, 'NextPartNumberMarker')], ['true', '2']);
    assert.match(
      (await s3({ path: '/wire/mp', query: { uploadId: id, 'part-number-marker': '2' } })).body,
      /<Part><PartNumber>3<\/PartNumber>/,
    );
    assert.match((await s3({ path: '/wire', query: { uploads: '' } })).body, new RegExp(`<Key>mp</Key><UploadId>${id}</UploadId>`));

    expectError(
      await complete('mp', id, [
        [2, etags[1]!],
        [1, etags[0]],
      ]),
      400,
      'InvalidPartOrder',
    );
    expectError(
      await complete('mp', id, [
        [1, '"00000000000000000000000000000000"'],
        [3, etags[2]!],
      ]),
      400,
      'InvalidPart',
    );
    expectError(
      await complete('mp', id, [
        [1, etags[0]],
        [2, etags[1]!],
        [3, etags[2]!],
      ]),
      400,
      'EntityTooSmall',
    );
    // Parts left out are discarded.
    const done = await complete('mp', id, [
      [1, etags[0]],
      [3, etags[2]!],
    ]);
    assert.equal(done.status, 200, done.body);
    const expected = `"${createHash('md5')
      .update(Buffer.concat([p1, p3].map((b) => createHash('md5').update(b).digest())))
      .digest('hex')}-2"`;
    assert.equal(tag(done, 'ETag'), expected.replace(/"/g, '&quot;'));
    const head = await s3({ method: 'HEAD', path: '/wire/mp' });
    assert.deepEqual([head.headers.etag, head.headers['content-length']], [expected, String(p1.length + p3.length)]);
    expectError(await part('mp', id, 4, p3), 404, 'NoSuchUpload');

    const copyId = await start('mp-copy');
    const copied = await s3({
      method: 'PUT',
      path: '/wire/mp-copy',
      query: { partNumber: '1', uploadId: copyId },
      headers: { 'x-amz-copy-source': '/wire/mp', 'x-amz-copy-source-range': `bytes=0-${p1.length - 1}` },
    });
    assert.equal(tag(copied, 'ETag'), `&quot;${md5hex(p1)}&quot;`);
    const last = await part('mp-copy', copyId, 2, p2);
    assert.equal(
      (
        await complete('mp-copy', copyId, [
          [1, `"${md5hex(p1)}"`],
          [2, last.headers.etag as string],
        ])
      ).status,
      200,
    );
    const whole = await s3({ path: '/wire/mp-copy', headers: { range: `bytes=${p1.length - 2}-` } });
    assert.equal(whole.body, `aa${p2.toString()}`);

    const aborted = await start('mp-aborted');
    assert.equal((await s3({ method: 'DELETE', path: '/wire/mp-aborted', query: { uploadId: aborted } })).status, 204);
    expectError(await part('mp-aborted', aborted, 1, p3), 404, 'NoSuchUpload');
    expectError(await s3({ method: 'DELETE', path: '/wire/mp-aborted', query: { uploadId: aborted } }), 404, 'NoSuchUpload');
  });

  test('ListObjects v1 markers and ListObjectsV2 tokens walk a delimited listing once; encoding-type=url encodes keys', async () => {
    for (const key of ['lst/a', 'lst/b/1', 'lst/b/2', 'lst/c', 'lst/d/1', 'lst/ü +'])
      await s3({ method: 'PUT', path: `/wire/${encodeURIComponent(key).replace(/%2F/g, '/')}`, body: 'x' });
    const entries = (reply: Reply) => [...reply.body.matchAll(/<(?:Contents><Key|CommonPrefixes><Prefix)>([^<]+)</g)].map((m) => m[1]!);
    const v1 = await s3({ path: '/wire', query: { prefix: 'lst/', delimiter: '/', 'max-keys': '2' } });
    assert.deepEqual(entries(v1), ['lst/a', 'lst/b/']);
    assert.match(v1.body, /<NextMarker>lst\/b\/<\/NextMarker>/);
    const v1next = await s3({ path: '/wire', query: { prefix: 'lst/', delimiter: '/', 'max-keys': '2', marker: 'lst/b/' } });
    assert.deepEqual(entries(v1next), ['lst/c', 'lst/d/']);
    assert.match(v1next.body, /<IsTruncated>true<\/IsTruncated>/);
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3({
        path: '/wire',
        query: {
          'list-type': '2',
          prefix: 'lst/',
          delimiter: '/',
          'max-keys': '1',
          'encoding-type': 'url',
          ...(token ? { 'continuation-token': token } : {}),
        },
      });
      seen.push(...entries(page));
      token = /<NextContinuationToken>([^<]+)</.exec(page.body)?.[1];
    } while (token);
    assert.deepEqual(seen, ['lst/a', 'lst/b/', 'lst/c', 'lst/d/', 'lst/%C3%BC%20%2B']);
    const after = await s3({ path: '/wire', query: { 'list-type': '2', prefix: 'lst/', 'start-after': 'lst/b/2' } });
    assert.deepEqual(entries(after), ['lst/c', 'lst/d/1', 'lst/ü +']);
    expectError(await s3({ path: '/wire', query: { 'list-type': '2', 'continuation-token': 'garbage' } }), 400, 'InvalidArgument');
  });

  test('anonymous requests: denied, unless the bucket policy grants "*"', async () => {
    await s3({ method: 'PUT', path: '/wire/public/readme.txt', body: 'public' });
    const anonymous = (path: string) => send('GET', path, { host: `127.0.0.1:${port}` });
    expectError(await anonymous('/wire/public/readme.txt'), 403, 'AccessDenied');
    const policy = policyDoc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::wire/public/*' });
    assert.equal((await s3({ method: 'PUT', path: '/wire', query: { policy: '' }, body: policy })).status, 204);
    const got = await anonymous('/wire/public/readme.txt');
    assert.deepEqual([got.status, got.body], [200, 'public']);
    expectError(await anonymous('/wire/range.txt'), 403, 'AccessDenied');
    expectError(await anonymous('/wire?list-type=2'), 403, 'AccessDenied');
    expectError(await send('PUT', '/wire/public/upload.txt', { host: `127.0.0.1:${port}` }, 'x'), 403, 'AccessDenied');
    assert.equal((await s3({ method: 'DELETE', path: '/wire', query: { policy: '' } })).status, 204);
    expectError(await anonymous('/wire/public/readme.txt'), 403, 'AccessDenied');
  });

  test('a permissions boundary limits S3 like any other service', async () => {
    const iam = iamClient(server.url, admin());
    const boundary = await createManagedPolicy(iam, 's3-read-boundary', policyDoc(allow(['s3:GetObject', 's3:ListBucket'])));
    const bounded = await createUser(iam, 'bounded', policyDoc(allow('s3:*')));
    await iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'bounded', PermissionsBoundary: boundary }));
    await s3({ method: 'PUT', path: '/wire/bounded.txt', body: 'read me' });
    assert.equal((await s3({ path: '/wire/bounded.txt', creds: bounded.creds })).body, 'read me');
    expectError(await s3({ method: 'PUT', path: '/wire/bounded.txt', body: 'overwritten', creds: bounded.creds }), 403, 'AccessDenied');
    expectError(await s3({ method: 'DELETE', path: '/wire/bounded.txt', creds: bounded.creds }), 403, 'AccessDenied');
    assert.equal((await s3({ path: '/wire/bounded.txt' })).body, 'read me');
  });

  test('condition keys: s3:prefix, s3:delimiter, s3:max-keys, s3:ExistingObjectTag, aws:SourceIp, aws:SecureTransport', async () => {
    const b = 'wire-conditions';
    for (const key of ['home/a', 'other/b']) await s3({ method: 'PUT', path: `/${b}/${key}`, body: key });
    await s3({ method: 'PUT', path: `/${b}/tagged`, body: 't', headers: { 'x-amz-tagging': 'classification=public' } });
    await s3({ method: 'PUT', path: `/${b}/untagged`, body: 'u' });
    const iam = iamClient(server.url, admin());
    const lister = await createUser(
      iam,
      'cond-lister',
      policyDoc(
        allow('s3:ListBucket', `arn:aws:s3:::${b}`, {
          Condition: { StringEquals: { 's3:prefix': 'home/', 's3:delimiter': '/' }, NumericLessThanEquals: { 's3:max-keys': '10' } },
        }),
      ),
    );
    const list = (query: Record<string, string>) => s3({ path: `/${b}`, query: { 'list-type': '2', ...query }, creds: lister.creds });
    assert.equal((await list({ prefix: 'home/', delimiter: '/', 'max-keys': '10' })).status, 200);
    expectError(await list({ prefix: 'other/', delimiter: '/', 'max-keys': '10' }), 403, 'AccessDenied');
    expectError(await list({ prefix: 'home/', delimiter: '-', 'max-keys': '10' }), 403, 'AccessDenied');
    expectError(await list({ prefix: 'home/', delimiter: '/', 'max-keys': '11' }), 403, 'AccessDenied');
    expectError(await list({ prefix: 'home/', delimiter: '/' }), 403, 'AccessDenied');

    const tagReader = await createUser(
      iam,
      'cond-tags',
      policyDoc(
        allow('s3:GetObject', `arn:aws:s3:::${b}/*`, { Condition: { StringEquals: { 's3:ExistingObjectTag/classification': 'public' } } }),
      ),
    );
    assert.equal((await s3({ path: `/${b}/tagged`, creds: tagReader.creds })).body, 't');
    expectError(await s3({ path: `/${b}/untagged`, creds: tagReader.creds }), 403, 'AccessDenied');

    // Bucket policies with network conditions apply to everyone, the account's admin included.
    const putPolicy = (statement: Record<string, unknown>) =>
      s3({ method: 'PUT', path: `/${b}`, query: { policy: '' }, body: policyDoc(statement) });
    const denyUnless = (condition: Record<string, unknown>) => ({
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::${b}/*`,
      Condition: condition,
    });
    assert.equal((await putPolicy(denyUnless({ NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }))).status, 204);
    expectError(await s3({ path: `/${b}/home/a` }), 403, 'AccessDenied');
    assert.equal((await putPolicy(denyUnless({ NotIpAddress: { 'aws:SourceIp': '127.0.0.0/8' } }))).status, 204);
    assert.equal((await s3({ path: `/${b}/home/a` })).body, 'home/a');
    assert.equal((await putPolicy(denyUnless({ Bool: { 'aws:SecureTransport': 'false' } }))).status, 204);
    expectError(await s3({ path: `/${b}/home/a` }), 403, 'AccessDenied');
    // The owner's root can still manage the policy that locks everyone out.
    assert.equal((await s3({ method: 'DELETE', path: `/${b}`, query: { policy: '' }, creds: server.root })).status, 204);
    assert.equal((await s3({ path: `/${b}/home/a` })).body, 'home/a');
  });
});
