import { createHash } from 'node:crypto';
import type { Rng } from '../rng.js';
import type { Body, ChunkDamage, Draft, Pair } from '../draft.js';
import type { Fixture } from '../fixture.js';
import { enc, encPath, oddEnc } from '../encoding.js';
import { policyDocument } from '../policies.js';
import { el, S3_NS, type XmlNode, xmlDocument } from '../xml-mutate.js';
import { mutateNumber, mutateText, oddDate, oddNumber, oddText } from '../values.js';
import { mutateHeaders, oddHeaderValue, signChoice } from './common.js';

/**
 * S3 REST-XML: buckets and objects with odd keys, PutObject plain and aws-chunked (signed
 * chunks, trailers, damaged sizes and signatures), multipart, DeleteObjects and tagging XML
 * with entity and character-reference damage, copy sources, Range and conditional headers,
 * response-* overrides, and query parameters past their limits.
 */
interface S3Request {
  op: string;
  method: string;
  bucket?: string;
  key?: string;
  query: Pair[];
  headers: Array<[string, string]>;
  body: Body;
  streaming?: string;
  what: string[];
}

const NEW_KEYS = ['k0', 'k1', 'k2', 'dir/k3', 'k 4', 'k+5', 'ü6'];
const ODD_KEYS = [
  '日本/キー',
  '../x',
  '..',
  '.',
  '/',
  '//x',
  'x/',
  ' ',
  'a'.repeat(1025),
  'a'.repeat(1024),
  '%',
  '%25',
  'a+b c',
  '\u0000',
  '\u0001x',
  '\ud800',
  'ünï cødé',
  'x?y',
  'x#y',
  'x&y',
  'x;y',
  '*',
  '\\',
  '\u202e',
  'CON',
  'a\tb',
  '~',
  "'",
  '"',
  '<>',
  '\u007f',
  '\ufeff',
  'e\u0301',
];

function bucket(r: Rng, f: Fixture, scratchOnly = false): string {
  return r.weighted<string>([
    [f.bucket, scratchOnly ? 0 : 7],
    [r.pick(f.scratchBuckets), scratchOnly ? 9 : 2],
    [
      r.pick([
        'UPPER',
        'a',
        'x'.repeat(70),
        'fuzz..main',
        '192.168.0.1',
        'xn--x',
        'fuzz-main-',
        'does-not-exist',
        'a_b',
        '日本',
        '-x',
        'ab',
        'fuzz-main.',
        '',
      ]),
      1,
    ],
  ]);
}

function readKey(r: Rng, f: Fixture): string {
  return r.weighted<string>([
    [r.pick(f.objects), 6],
    [r.pick(NEW_KEYS), 2],
    [r.pick(ODD_KEYS), 1.5],
    [mutateText(r, r.pick(f.objects)), 1],
  ]);
}

function writeKey(r: Rng): string {
  return r.weighted<string>([
    [r.pick(NEW_KEYS), 7],
    [r.pick(ODD_KEYS), 2],
    [mutateText(r, r.pick(NEW_KEYS)), 1],
  ]);
}

function objectBody(r: Rng): Buffer {
  const n = r.weighted<number>([
    [0, 1],
    [r.range(1, 200), 6],
    [r.range(200, 20000), 2],
    [r.range(20000, 300000), 0.3],
  ]);
  return Buffer.alloc(n, r.pick(['a', 'keysmith ', '\u0000', 'ü']));
}

function md5(data: Buffer): string {
  return createHash('md5').update(data).digest('base64');
}

function sha256b64(data: Buffer): string {
  return createHash('sha256').update(data).digest('base64');
}

function tagSet(r: Rng): XmlNode {
  const n = r.chance(0.05) ? r.range(11, 60) : r.range(0, 4);
  const tags = Array.from({ length: n }, (_, i) =>
    el(
      'Tag',
      el('Key', r.chance(0.8) ? r.pick(['team', 'env', `k${i}`, 'aws:x', '']) : oddText(r)),
      el('Value', r.chance(0.8) ? r.pick(['fuzz', '', 'v']) : oddText(r)),
    ),
  );
  const root = el('Tagging', el('TagSet', ...tags));
  if (r.chance(0.5)) root.attrs = [['xmlns', S3_NS]];
  return root;
}

function objectHeaders(r: Rng, body: Buffer, what: string[]): Array<[string, string]> {
  const h: Array<[string, string]> = [];
  if (r.chance(0.5)) h.push(['Content-Type', r.pick(['text/plain', 'application/octet-stream', 'image/png; charset=binary', 'x', ''])]);
  if (r.chance(0.2)) {
    h.push(['Content-MD5', r.pick([md5(body), md5(Buffer.from('other')), 'garbage', '', '1B2M2Y8AsgTpgAmY7PhCfg==', 'AAAA'])]);
    what.push('header:content-md5');
  }
  if (r.chance(0.15)) {
    const algo = r.pick(['sha256', 'crc32', 'crc32c', 'sha1', 'crc64nvme', 'md5']);
    h.push([
      `x-amz-checksum-${algo}`,
      algo === 'sha256' && r.chance(0.5) ? sha256b64(body) : r.pick(['AAAAAA==', 'garbage', '', 'x'.repeat(100)]),
    ]);
    if (r.chance(0.3)) h.push(['x-amz-sdk-checksum-algorithm', r.pick(['SHA256', 'CRC32', 'x', ''])]);
    what.push('header:checksum');
  }
  if (r.chance(0.2))
    h.push([`x-amz-meta-${r.pick(['a', 'b', 'CamelCase', 'x'.repeat(200), 'ü'])}`, r.chance(0.5) ? 'v' : oddHeaderValue(r)]);
  if (r.chance(0.12)) {
    h.push([
      'x-amz-tagging',
      r.pick(['k=v', 'a=1&b=2', '=', '&&', 'k=%ZZ', 'k', 'k=v&k=w', enc(oddText(r)) + '=v', 'a=' + 'x'.repeat(300), oddHeaderValue(r)]),
    ]);
    what.push('header:x-amz-tagging');
  }
  if (r.chance(0.08)) h.push(['x-amz-acl', r.pick(['private', 'public-read', 'bucket-owner-full-control', 'x', ''])]);
  if (r.chance(0.05))
    h.push([
      r.pick([
        'x-amz-grant-read',
        'x-amz-storage-class',
        'x-amz-server-side-encryption',
        'x-amz-website-redirect-location',
        'x-amz-object-lock-mode',
        'x-amz-request-payer',
        'x-amz-expected-bucket-owner',
      ]),
      oddHeaderValue(r),
    ]);
  if (r.chance(0.08))
    h.push([
      r.pick(['Cache-Control', 'Content-Disposition', 'Content-Encoding', 'Content-Language', 'Expires']),
      r.chance(0.5) ? oddHeaderValue(r) : 'inline',
    ]);
  if (r.chance(0.06)) h.push([r.pick(['If-None-Match', 'If-Match']), r.pick(['*', '"x"', '', oddHeaderValue(r)])]);
  return h;
}

function readHeaders(r: Rng, what: string[]): Array<[string, string]> {
  const h: Array<[string, string]> = [];
  if (r.chance(0.3)) {
    h.push([
      'Range',
      r.pick([
        'bytes=0-0',
        'bytes=-1',
        'bytes=5-',
        'bytes=0-99999999999999999999',
        'bytes=9-1',
        'bytes=0-1,3-4',
        'bytes=',
        'bytes=-0',
        'items=0-1',
        'bytes=1e3-',
        'bytes= 0 - 1 ',
        'bytes=18446744073709551616-',
        'bytes=-18446744073709551616',
        'bytes=0-65535',
        'bytes=65536-',
        'bytes=--1',
        'bytes=0x10-',
        'bytes=٠-١',
        '',
      ]),
    ]);
    what.push('header:range');
  }
  if (r.chance(0.15)) {
    h.push([
      r.pick(['If-Match', 'If-None-Match', 'If-Modified-Since', 'If-Unmodified-Since']),
      r.chance(0.5) ? oddDate(r) : r.pick(['*', '"abc"', '""', 'W/"x"', oddHeaderValue(r)]),
    ]);
    what.push('header:conditional');
  }
  if (r.chance(0.05)) h.push(['x-amz-checksum-mode', r.pick(['ENABLED', 'enabled', 'x'])]);
  return h;
}

/** response-* overrides: S3 echoes them as response headers, so their values must never break the response. */
function responseOverrides(r: Rng, what: string[]): Pair[] {
  const names = [
    'response-content-type',
    'response-content-language',
    'response-expires',
    'response-cache-control',
    'response-content-disposition',
    'response-content-encoding',
  ];
  const out: Pair[] = [];
  const n = r.range(1, 2);
  for (let i = 0; i < n; i++) {
    const name = r.pick(names);
    const value = r.weighted<string>([
      [enc(r.pick(['text/html', 'attachment; filename="a.txt"', 'gzip', 'no-cache', oddDate(r)])), 4],
      [enc(oddText(r)), 3],
      [r.pick(['%0D%0AX-Injected:%201', '%0Ax', '%0D', '%00', '%E2%80%A8', '%C4%80', '%F0%9F%98%80', '%FF', '%09tab', '%7F', '%C2%85']), 3],
    ]);
    out.push([name, value]);
    what.push(`query:${name}`);
  }
  return out;
}

function chunkedPut(r: Rng, data: Buffer, what: string[]): { body: Body; headers: Array<[string, string]>; streaming: string } {
  const streaming = r.weighted<string>([
    ['STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 5],
    ['STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER', 3],
    ['STREAMING-UNSIGNED-PAYLOAD-TRAILER', 2],
    [r.pick(['STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD', 'STREAMING-X', 'STREAMING-', 'streaming-aws4-hmac-sha256-payload']), 0.5],
  ]);
  const signed = !streaming.includes('UNSIGNED');
  const trailer = streaming.endsWith('-TRAILER');
  // Valid chunking: every chunk but the last at least 8 KiB.
  const sizes: number[] = [];
  let left = data.length;
  while (left > 0) {
    const s = left > 16384 && r.chance(0.7) ? r.range(8192, Math.min(left, 65536)) : left;
    sizes.push(s);
    left -= s;
  }
  const checksum: Pair[] = trailer
    ? [
        [
          r.chance(0.8) ? 'x-amz-checksum-sha256' : 'x-amz-checksum-crc32',
          r.chance(0.8) ? sha256b64(data) : r.pick(['AAAA', '', 'garbage==']),
        ],
      ]
    : [];
  let damage: ChunkDamage | undefined;
  if (r.chance(0.55)) {
    const chunk = r.int(sizes.length + 1);
    damage = r.pick<ChunkDamage>([
      { kind: 'bad-signature', chunk },
      { kind: 'size-lie', chunk, delta: r.pick([-1, 1, -8192, 100000, 2 ** 31]) },
      {
        kind: 'size-text',
        chunk,
        text: r.pick([
          '',
          'zz',
          '-1',
          'ffffffffffffffff',
          '10000000000000000',
          '0x10',
          ' 10',
          '1'.repeat(5000),
          '8000;',
          '0000000000000000000000001',
        ]),
      },
      { kind: 'no-final-chunk' },
      { kind: 'cut', at: r.int(data.length + 200) },
      {
        kind: 'extension',
        chunk,
        text: r.pick([';a=b', ';chunk-signature=', ';' + 'x'.repeat(5000), ';chunk-signature=' + 'f'.repeat(64), '\u0000']),
      },
      { kind: 'no-signature', chunk },
      { kind: 'bad-trailer-signature' },
      {
        kind: 'trailer-line',
        text: r.pick(['x-amz-checksum-crc32:AAAA', 'nocolon', ':v', 'x-amz-trailer-signature:' + '0'.repeat(64), 'x'.repeat(5000)]),
      },
      { kind: 'missing-crlf', chunk },
      { kind: 'extra-data' },
    ]);
    what.push(`chunked:${damage.kind}`);
  }
  if (sizes.length > 1 && r.chance(0.1)) {
    sizes.splice(0, 2, Math.min(100, sizes[0]!), sizes[0]! - Math.min(100, sizes[0]!) + sizes[1]!);
    what.push('chunked:small-first-chunk');
  }
  const headers: Array<[string, string]> = [['Content-Encoding', r.chance(0.9) ? 'aws-chunked' : r.pick(['gzip', 'aws-chunked,gzip', ''])]];
  if (r.chance(0.92))
    headers.push(['x-amz-decoded-content-length', r.chance(0.85) ? String(data.length) : mutateNumber(r, String(data.length))]);
  else what.push('chunked:no-decoded-length');
  if (trailer)
    headers.push([
      'x-amz-trailer',
      r.chance(0.9) ? checksum[0]![0] : r.pick(['', 'x-amz-checksum-sha1', 'x-amz-checksum-sha256,x-amz-checksum-crc32']),
    ]);
  return { body: { kind: 'chunked', data, sizes, signed, trailer: checksum, ...(damage ? { damage } : {}) }, headers, streaming };
}

function upload(r: Rng, f: Fixture): { key: string; uploadId: string } {
  if (f.uploads.length > 0 && r.chance(0.85)) return r.pick(f.uploads);
  return { key: r.pick(['mp-0', 'mp-x']), uploadId: r.pick(['', 'x', 'A'.repeat(300), oddText(r), r.hex(32)]) };
}

function completeXml(r: Rng): XmlNode {
  const n = r.chance(0.02) ? r.range(1000, 11000) : r.range(0, 3);
  const parts = Array.from({ length: n }, (_, i) =>
    el(
      'Part',
      el('PartNumber', r.chance(0.8) ? String(i + 1) : oddNumber(r)),
      el('ETag', r.pick(['"ad70f6c2ca5ba8a3b7ed5aaa6a2a6c0c"', 'x', '', '""', oddText(r)])),
    ),
  );
  return el('CompleteMultipartUpload', ...parts);
}

function deleteXml(r: Rng): XmlNode {
  const n = r.chance(0.05) ? r.range(990, 1100) : r.range(0, 4);
  const objects = Array.from({ length: n }, (_, i) =>
    el('Object', el('Key', r.chance(0.7) ? writeKey(r) : `del-${i}`), ...(r.chance(0.1) ? [el('VersionId', r.pick(['null', 'x']))] : [])),
  );
  const root = el('Delete', ...(r.chance(0.3) ? [el('Quiet', r.pick(['true', 'false', 'TRUE', 'x']))] : []), ...objects);
  if (r.chance(0.5)) root.attrs = [['xmlns', S3_NS]];
  return root;
}

type Builder = (r: Rng, f: Fixture) => S3Request;

const OPS: ReadonlyArray<readonly [Builder, number]> = [
  [
    (r) => ({
      op: 'ListBuckets',
      method: 'GET',
      query: r.chance(0.5)
        ? [[r.pick(['max-buckets', 'continuation-token', 'prefix', 'bucket-region']), enc(r.chance(0.5) ? oddNumber(r) : oddText(r))]]
        : [],
      headers: [],
      body: none(),
      what: [],
    }),
    2,
  ],
  [
    (r, f) => {
      const what: string[] = [];
      const cfg = r.chance(0.4)
        ? xmlDocument(
            r,
            el('CreateBucketConfiguration', el('LocationConstraint', r.pick(['us-east-1', 'eu-west-1', '', 'EU', oddText(r)]))),
          )
        : undefined;
      if (cfg) what.push(...cfg.what);
      return {
        op: 'CreateBucket',
        method: 'PUT',
        bucket: bucket(r, f, true),
        query: [],
        headers: r.chance(0.1) ? [['x-amz-acl', r.pick(['private', 'public-read', 'x'])]] : [],
        body: bytes(cfg?.bytes),
        what,
      };
    },
    2,
  ],
  [(r, f) => ({ op: 'HeadBucket', method: 'HEAD', bucket: bucket(r, f), query: [], headers: [], body: none(), what: [] }), 1],
  [(r, f) => ({ op: 'DeleteBucket', method: 'DELETE', bucket: bucket(r, f, true), query: [], headers: [], body: none(), what: [] }), 1],
  [
    (r, f) => {
      const q: Pair[] = [['list-type', r.chance(0.9) ? '2' : r.pick(['1', '3', '', 'x'])]];
      const params = ['prefix', 'delimiter', 'max-keys', 'continuation-token', 'start-after', 'fetch-owner', 'encoding-type'];
      for (const p of params) {
        if (!r.chance(0.3)) continue;
        const v =
          p === 'max-keys'
            ? oddNumber(r)
            : p === 'encoding-type'
              ? r.pick(['url', 'URL', 'x', ''])
              : p === 'fetch-owner'
                ? r.pick(['true', 'false', 'x'])
                : r.chance(0.5)
                  ? r.pick(['', '/', 'dir/', 'k', 'ü'])
                  : oddText(r);
        q.push([p, r.chance(0.1) ? oddEnc(r, v) : enc(v)]);
      }
      return { op: 'ListObjectsV2', method: 'GET', bucket: bucket(r, f), query: q, headers: [], body: none(), what: [] };
    },
    4,
  ],
  [
    (r, f) => {
      const q: Pair[] = [];
      for (const p of ['prefix', 'delimiter', 'max-keys', 'marker', 'encoding-type'])
        if (r.chance(0.35))
          q.push([p, enc(p === 'max-keys' ? oddNumber(r) : r.chance(0.5) ? r.pick(['', '/', 'k', 'obj-0']) : oddText(r))]);
      return { op: 'ListObjects', method: 'GET', bucket: bucket(r, f), query: q, headers: [], body: none(), what: [] };
    },
    2,
  ],
  [
    (r, f) => ({
      op: r.chance(0.5) ? 'GetBucketLocation' : 'GetBucketVersioning',
      method: 'GET',
      bucket: bucket(r, f),
      query: [[r.chance(0.5) ? 'location' : 'versioning', r.chance(0.8) ? undefined : '']],
      headers: [],
      body: none(),
      what: [],
    }),
    1,
  ],
  [
    (r, f) => {
      const p = policyDocument(r, 'bucket', { accountId: f.accountId, bucket: r.pick(f.scratchBuckets) });
      return {
        op: 'PutBucketPolicy',
        method: 'PUT',
        bucket: bucket(r, f, true),
        query: [['policy', undefined]],
        headers: [],
        body: bytes(p.bytes),
        what: p.what,
      };
    },
    3,
  ],
  [
    (r, f) => ({
      op: r.chance(0.6) ? 'GetBucketPolicy' : 'DeleteBucketPolicy',
      method: r.chance(0.6) ? 'GET' : 'DELETE',
      bucket: bucket(r, f, true),
      query: [['policy', undefined]],
      headers: [],
      body: none(),
      what: [],
    }),
    1,
  ],
  [
    (r, f) => {
      const x = xmlDocument(r, tagSet(r));
      return {
        op: 'PutBucketTagging',
        method: 'PUT',
        bucket: bucket(r, f),
        query: [['tagging', undefined]],
        headers: r.chance(0.3) ? [['Content-MD5', md5(x.bytes)]] : [],
        body: bytes(x.bytes),
        what: x.what,
      };
    },
    3,
  ],
  [
    (r, f) => ({
      op: 'Get/DeleteBucketTagging',
      method: r.pick(['GET', 'DELETE']),
      bucket: bucket(r, f),
      query: [['tagging', undefined]],
      headers: [],
      body: none(),
      what: [],
    }),
    1,
  ],
  [
    (r, f) => {
      const what: string[] = [];
      const data = objectBody(r);
      return {
        op: 'PutObject',
        method: 'PUT',
        bucket: bucket(r, f),
        key: writeKey(r),
        query: [],
        headers: objectHeaders(r, data, what),
        body: bytes(data),
        what,
      };
    },
    8,
  ],
  [
    (r, f) => {
      const what: string[] = [];
      const data = Buffer.alloc(r.pick([0, 1, 100, 8192, 8193, 16389, 20000, 70000]), r.pick(['c', 'ü']));
      const c = chunkedPut(r, data, what);
      return {
        op: 'PutObject(aws-chunked)',
        method: 'PUT',
        bucket: r.chance(0.9) ? f.bucket : bucket(r, f),
        key: writeKey(r),
        query: [],
        headers: [...c.headers, ...(r.chance(0.3) ? objectHeaders(r, data, what) : [])],
        body: c.body,
        streaming: c.streaming,
        what,
      };
    },
    7,
  ],
  [
    (r, f) => {
      const what: string[] = [];
      const headers = readHeaders(r, what);
      const query = r.chance(0.3) ? responseOverrides(r, what) : [];
      return { op: 'GetObject', method: 'GET', bucket: bucket(r, f), key: readKey(r, f), query, headers, body: none(), what };
    },
    7,
  ],
  [
    (r, f) => {
      const what: string[] = [];
      return {
        op: 'HeadObject',
        method: 'HEAD',
        bucket: bucket(r, f),
        key: readKey(r, f),
        query: r.chance(0.2) ? responseOverrides(r, what) : [],
        headers: readHeaders(r, what),
        body: none(),
        what,
      };
    },
    2,
  ],
  [
    (r, f) => ({
      op: 'DeleteObject',
      method: 'DELETE',
      bucket: bucket(r, f),
      key: writeKey(r),
      query: [],
      headers: [],
      body: none(),
      what: [],
    }),
    2,
  ],
  [
    (r, f) => {
      const x = xmlDocument(r, deleteXml(r));
      const md5Header: Array<[string, string]> = r.chance(0.6)
        ? [['Content-MD5', r.chance(0.9) ? md5(x.bytes) : 'AAAA']]
        : r.chance(0.5)
          ? [['x-amz-checksum-sha256', sha256b64(x.bytes)]]
          : [];
      return {
        op: 'DeleteObjects',
        method: 'POST',
        bucket: bucket(r, f),
        query: [['delete', r.chance(0.9) ? undefined : '']],
        headers: md5Header,
        body: bytes(x.bytes),
        what: x.what,
      };
    },
    4,
  ],
  [
    (r, f) => {
      const what: string[] = [];
      const src = r.weighted<string>([
        [`${f.bucket}/${encPath(r.pick(f.objects))}`, 5],
        [`/${f.bucket}/${encPath(r.pick(f.objects))}`, 2],
        [`${f.bucket}/${encPath(r.pick(f.objects))}?versionId=${r.pick(['null', 'x', ''])}`, 1],
        [
          r.pick([
            '',
            '/',
            'nobucket',
            `${f.bucket}/`,
            `${f.bucket}`,
            '%',
            `${f.bucket}/%ZZ`,
            `${f.bucket}/${'a'.repeat(1100)}`,
            `arn:aws:s3:::${f.bucket}/obj-0`,
            `${f.bucket}/obj-0?x`,
          ]),
          2,
        ],
        [oddHeaderValue(r), 1],
      ]);
      const headers: Array<[string, string]> = [['x-amz-copy-source', src]];
      if (r.chance(0.3)) headers.push(['x-amz-metadata-directive', r.pick(['COPY', 'REPLACE', 'copy', 'x', ''])]);
      if (r.chance(0.2)) headers.push(['x-amz-tagging-directive', r.pick(['COPY', 'REPLACE', 'x'])]);
      if (r.chance(0.2))
        headers.push([
          r.pick([
            'x-amz-copy-source-if-match',
            'x-amz-copy-source-if-none-match',
            'x-amz-copy-source-if-modified-since',
            'x-amz-copy-source-if-unmodified-since',
          ]),
          r.chance(0.5) ? oddDate(r) : r.pick(['*', '"x"', '']),
        ]);
      if (r.chance(0.15)) headers.push(['x-amz-tagging', r.pick(['a=b', '%%', ''])]);
      return { op: 'CopyObject', method: 'PUT', bucket: bucket(r, f), key: writeKey(r), query: [], headers, body: none(), what };
    },
    3,
  ],
  [
    (r, f) => {
      const x = xmlDocument(r, tagSet(r));
      return {
        op: 'PutObjectTagging',
        method: 'PUT',
        bucket: bucket(r, f),
        key: readKey(r, f),
        query: [['tagging', undefined]],
        headers: r.chance(0.3) ? [['Content-MD5', md5(x.bytes)]] : [],
        body: bytes(x.bytes),
        what: x.what,
      };
    },
    4,
  ],
  [
    (r, f) => ({
      op: 'Get/DeleteObjectTagging',
      method: r.pick(['GET', 'DELETE']),
      bucket: bucket(r, f),
      key: readKey(r, f),
      query: [['tagging', undefined]],
      headers: [],
      body: none(),
      what: [],
    }),
    1,
  ],
  [
    (r, f) => {
      const what: string[] = [];
      return {
        op: 'CreateMultipartUpload',
        method: 'POST',
        bucket: bucket(r, f),
        key: r.chance(0.8) ? r.pick(['mp-0', 'mp-1', 'mp-new']) : writeKey(r),
        query: [['uploads', r.chance(0.9) ? undefined : '']],
        headers: objectHeaders(r, Buffer.alloc(0), what),
        body: none(),
        what,
      };
    },
    2,
  ],
  [
    (r, f) => {
      const what: string[] = [];
      const u = upload(r, f);
      const data = objectBody(r);
      const partNumber = r.chance(0.7) ? String(r.range(1, 3)) : oddNumber(r);
      const q: Pair[] = [
        ['partNumber', enc(partNumber)],
        ['uploadId', enc(u.uploadId)],
      ];
      if (r.chance(0.3)) {
        const c = chunkedPut(r, data, what);
        return {
          op: 'UploadPart(aws-chunked)',
          method: 'PUT',
          bucket: f.bucket,
          key: u.key,
          query: q,
          headers: c.headers,
          body: c.body,
          streaming: c.streaming,
          what,
        };
      }
      return {
        op: 'UploadPart',
        method: 'PUT',
        bucket: f.bucket,
        key: u.key,
        query: q,
        headers: r.chance(0.2) ? [['Content-MD5', r.chance(0.5) ? md5(data) : 'x']] : [],
        body: bytes(data),
        what,
      };
    },
    3,
  ],
  [
    (r, f) => {
      const u = upload(r, f);
      const headers: Array<[string, string]> = [['x-amz-copy-source', `${f.bucket}/${r.pick(['big', 'obj-0', 'empty', 'nope'])}`]];
      if (r.chance(0.6))
        headers.push([
          'x-amz-copy-source-range',
          r.pick(['bytes=0-10', 'bytes=0-99999999', 'bytes=10-0', 'bytes=-5', 'bytes=', 'x', 'bytes=0-0', 'bytes=65535-65535']),
        ]);
      return {
        op: 'UploadPartCopy',
        method: 'PUT',
        bucket: f.bucket,
        key: u.key,
        query: [
          ['partNumber', enc(r.chance(0.8) ? '2' : oddNumber(r))],
          ['uploadId', enc(u.uploadId)],
        ],
        headers,
        body: none(),
        what: [],
      };
    },
    1,
  ],
  [
    (r, f) => {
      const u = upload(r, f);
      const x = xmlDocument(r, completeXml(r));
      return {
        op: 'CompleteMultipartUpload',
        method: 'POST',
        bucket: f.bucket,
        key: u.key,
        query: [['uploadId', enc(u.uploadId)]],
        headers: [],
        body: bytes(x.bytes),
        what: x.what,
      };
    },
    3,
  ],
  [
    (r, f) => {
      const u = upload(r, f);
      return {
        op: 'AbortMultipartUpload',
        method: 'DELETE',
        bucket: f.bucket,
        key: u.key,
        query: [['uploadId', enc(u.uploadId)]],
        headers: [],
        body: none(),
        what: [],
      };
    },
    0.5,
  ],
  [
    (r, f) => {
      const u = upload(r, f);
      const q: Pair[] = [['uploadId', enc(u.uploadId)]];
      if (r.chance(0.4)) q.push([r.pick(['max-parts', 'part-number-marker']), enc(oddNumber(r))]);
      return { op: 'ListParts', method: 'GET', bucket: f.bucket, key: u.key, query: q, headers: [], body: none(), what: [] };
    },
    1,
  ],
  [
    (r, f) => {
      const q: Pair[] = [['uploads', undefined]];
      for (const p of ['prefix', 'key-marker', 'upload-id-marker', 'max-uploads', 'delimiter', 'encoding-type'])
        if (r.chance(0.25)) q.push([p, enc(p === 'max-uploads' ? oddNumber(r) : oddText(r))]);
      return { op: 'ListMultipartUploads', method: 'GET', bucket: bucket(r, f), query: q, headers: [], body: none(), what: [] };
    },
    1,
  ],
  [
    (r, f) => ({
      op: 'unsupported-subresource',
      method: r.pick(['GET', 'PUT', 'DELETE']),
      bucket: bucket(r, f),
      ...(r.chance(0.5) ? { key: readKey(r, f) } : {}),
      query: [
        [
          r.pick([
            'acl',
            'versions',
            'lifecycle',
            'cors',
            'website',
            'versionId',
            'select',
            'restore',
            'object-lock',
            'encryption',
            'replication',
          ]),
          r.chance(0.5) ? undefined : 'x',
        ],
      ],
      headers: [],
      body: none(),
      what: [],
    }),
    1,
  ],
  [
    (r, f) => ({
      op: 'odd-method',
      method: r.pick(['PATCH', 'OPTIONS', 'TRACE', 'PROPFIND', 'CONNECT', 'get', 'M-SEARCH', 'POST']),
      bucket: bucket(r, f),
      ...(r.chance(0.5) ? { key: readKey(r, f) } : {}),
      query: [],
      headers: [],
      body: none(),
      what: [],
    }),
    1,
  ],
];

function none(): Body {
  return { kind: 'bytes', data: Buffer.alloc(0) };
}

function bytes(data: Buffer | undefined): Body {
  return { kind: 'bytes', data: data ?? Buffer.alloc(0) };
}

/** The request path for a bucket and key: path style mostly, virtual-hosted sometimes; keys encoded mostly, oddly sometimes. */
export function s3Path(r: Rng, bucketName: string | undefined, key: string | undefined, what: string[]): { path: string; host?: string } {
  const encodeKey = (k: string) => {
    const roll = r.float();
    if (roll < 0.85) return encPath(k);
    if (roll < 0.93)
      return k
        .split('/')
        .map((s) => oddEnc(r, s))
        .join('/');
    what.push('path:raw-bytes');
    return Buffer.from(k.replace(/[\s?#]/g, '_'), 'utf8').toString('latin1');
  };
  if (bucketName !== undefined && r.chance(0.08) && /^[a-z0-9.-]+$/.test(bucketName)) {
    what.push('host:virtual');
    return { path: key === undefined ? '/' : `/${encodeKey(key)}`, host: `${bucketName}.localhost` };
  }
  if (bucketName === undefined) return { path: '/' };
  return { path: key === undefined ? `/${enc(bucketName)}` : `/${enc(bucketName)}/${encodeKey(key)}` };
}

export function buildS3(r: Rng, f: Fixture): S3Request {
  return r.weighted(OPS)(r, f);
}

export function generateS3(r: Rng, f: Fixture, index: number): Draft {
  const req = buildS3(r, f);
  const what = req.what;
  let query = req.query;
  let headers = req.headers;
  if (r.chance(0.15)) {
    query = [
      ...query,
      [
        r.pick([
          'x',
          'max-keys',
          'prefix',
          'partNumber',
          'uploadId',
          'tagging',
          'X-Amz-Date',
          'Signature',
          'versionId',
          '',
          enc(oddText(r)),
        ]),
        r.chance(0.3) ? undefined : enc(oddText(r)),
      ],
    ];
    what.push('query:extra');
  }
  if (r.chance(0.05) && query.length > 0) {
    query = [...query, r.pick(query)];
    what.push('query:duplicate');
  }
  if (r.chance(0.1)) {
    const m = mutateHeaders(r, headers, [
      'Content-Type',
      'x-amz-meta-x',
      'Range',
      'If-Match',
      'x-amz-tagging',
      'x-amz-acl',
      'x-amz-copy-source',
      'Content-MD5',
      'x-amz-decoded-content-length',
      'x-amz-trailer',
      'x-amz-checksum-crc32',
      'x-amz-expected-bucket-owner',
      'Content-Encoding',
    ]);
    headers = m.headers;
    what.push(...m.what);
  }
  const choice = signChoice(r, 's3', 'hash-header', f);
  let sign = choice.sign;
  if (sign.kind === 'header') {
    if (req.streaming !== undefined) sign = { ...sign, payload: 'literal', literal: req.streaming };
    else if (r.chance(0.15)) {
      sign = {
        ...sign,
        payload: r.chance(0.7) ? 'unsigned' : 'literal',
        literal: r.pick([
          'garbage',
          'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
          'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
          'UNSIGNED-PAYLOAD',
          '',
          'Z'.repeat(64),
        ]),
      };
      what.push('sign:payload-literal');
    }
  }
  const at = s3Path(r, req.bucket, req.key, what);
  return {
    index,
    protocol: 's3',
    op: `s3:${req.op}`,
    mutations: [...what, ...choice.mutations],
    method: req.method,
    path: at.path,
    query,
    headers,
    body: req.body,
    sign,
    post: choice.post,
    ...(at.host ? { host: at.host } : {}),
  };
}
