import { createHash, createHmac } from 'node:crypto';
import { nodeSigV4Crypto } from '../../src/platform/node-sigv4-crypto.js';
import { parseQuery } from '../../src/protocol/rest-xml/s3-address.js';
import { sigV2StringToSign } from '../../src/protocol/rest-xml/sigv2-query.js';
import { deriveSigningKey, presignRequest, signRequest, type SignedRequest } from '../../src/sigv4/index.js';
import { joinPairs } from './encoding.js';

/**
 * One fuzz request before it is signed: plain data, so it can be regenerated, shrunk by the
 * minimiser, saved as a reproduction and replayed. Everything in the request line and the
 * headers is wire text in latin1 (one char per byte; UTF-8 text is stored as its bytes), the way
 * Node hands them to the server — so what is signed is exactly what the server reads.
 */
export type Pair = [string, string | undefined];

export type FuzzProtocol = 'form' | 'json' | 's3' | 'presigned';

export interface Creds {
  /** `admin`, `session`, `user`, `restricted-session`: who signs (saved in reproductions). */
  label: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export type SignPlan =
  | { kind: 'none' }
  /** SigV4 Authorization header, computed over the request as it finally stands. */
  | {
      kind: 'header';
      creds: string;
      service: string;
      region: string;
      payload: 'hash-header' | 'hash' | 'unsigned' | 'literal';
      literal?: string;
      skewMs?: number;
    }
  /** SigV4 presigned query (X-Amz-*). */
  | { kind: 'presign'; creds: string; service: string; region: string; expires: number; skewMs?: number }
  /** Legacy S3 query-string auth (AWSAccessKeyId, Expires, Signature). */
  | { kind: 'sigv2'; creds: string; expiresDeltaS: number; tokenInQuery: boolean };

export type Body =
  | { kind: 'bytes'; data: Buffer }
  /** application/x-www-form-urlencoded, pairs already encoded. */
  | { kind: 'form'; params: Pair[]; sep?: string }
  /** aws-chunked: `data` cut in `sizes`, signed chunk by chunk from the request signature. */
  | { kind: 'chunked'; data: Buffer; sizes: number[]; signed: boolean; trailer: Pair[]; damage?: ChunkDamage };

export type ChunkDamage =
  | { kind: 'bad-signature'; chunk: number }
  | { kind: 'size-lie'; chunk: number; delta: number }
  | { kind: 'size-text'; chunk: number; text: string }
  | { kind: 'no-final-chunk' }
  | { kind: 'cut'; at: number }
  | { kind: 'extension'; chunk: number; text: string }
  | { kind: 'no-signature'; chunk: number }
  | { kind: 'bad-trailer-signature' }
  | { kind: 'trailer-line'; text: string }
  | { kind: 'missing-crlf'; chunk: number }
  | { kind: 'extra-data' };

/** Changes after signing: they break the signature on purpose (the request stays readable). */
export type PostOp =
  | { op: 'flip-signature' }
  | { op: 'set-header'; name: string; value: string }
  | { op: 'add-header'; name: string; value: string }
  | { op: 'drop-header'; name: string }
  | { op: 'add-query'; key: string; value: string | undefined }
  | { op: 'set-query'; key: string; value: string | undefined }
  | { op: 'drop-query'; key: string }
  | { op: 'append-body'; data: string }
  | { op: 'replace-in-auth'; from: string; to: string };

export interface Draft {
  /** Index in the run (the request is a function of seed and index). */
  index: number;
  protocol: FuzzProtocol;
  /** e.g. `iam:CreateUser`, `s3:PutObjectTagging`, `cloudtrail:LookupEvents`. */
  op: string;
  /** What was done to it, for the report (`drop-param`, `policy:deep-nesting`, …). */
  mutations: string[];
  method: string;
  path: string;
  query: Pair[];
  headers: Array<[string, string]>;
  body: Body;
  sign: SignPlan;
  post: PostOp[];
  /** Host header override (virtual-hosted S3); default `127.0.0.1:port`. */
  host?: string;
  /** Content-Length: `'auto'` computed (default), `'none'` left out, or any other text sent as it is. */
  contentLength?: string;
  /** Malformed HTTP: a byte-level change to the finished request (sent on its own connection). */
  raw?: RawDamage;
  /** The client goes away after this many bytes (no answer expected). */
  abortAfter?: number;
}

export type RawDamage =
  | { kind: 'request-line'; line: string }
  | { kind: 'version'; version: string }
  | { kind: 'header-line'; line: string }
  | { kind: 'bare-lf' }
  | { kind: 'duplicate-content-length'; value: string }
  | { kind: 'te-and-cl' }
  | { kind: 'chunked-body'; body: string }
  | { kind: 'short-body'; missing: number }
  | { kind: 'pipelined' }
  | { kind: 'many-headers'; count: number }
  | { kind: 'huge-header'; bytes: number }
  | { kind: 'absolute-uri' }
  | { kind: 'expect-continue' }
  | { kind: 'garbage'; bytes: string };

export interface Target {
  host: string;
  port: number;
}

export interface Finished {
  method: string;
  /** Request target as sent (latin1 text). */
  target: string;
  headers: Array<[string, string]>;
  body: Buffer;
  /** The whole request as bytes. */
  bytes: Buffer;
}

export type CredsOf = (label: string) => Creds;

/** Signs (as planned) and serialises a draft at time `nowMs`. */
export function finish(draft: Draft, target: Target, credsOf: CredsOf, nowMs: number): Finished {
  const hostValue = draft.host ?? `${target.host}:${target.port}`;
  let headers: Array<[string, string]> = [['Host', hostValue], ...draft.headers.map(([k, v]) => [k, v] as [string, string])];
  let query = draft.query.map(([k, v]) => [k, v] as Pair);
  let body: Buffer =
    draft.body.kind === 'bytes'
      ? draft.body.data
      : draft.body.kind === 'form'
        ? Buffer.from(joinPairs(draft.body.params, draft.body.sep), 'latin1')
        : Buffer.alloc(0);
  const plan = draft.sign;
  try {
    if (plan.kind === 'header') {
      const creds = credsOf(plan.creds);
      let contentSha256: string | undefined;
      if (plan.payload === 'hash-header') contentSha256 = createHash('sha256').update(body).digest('hex');
      else if (plan.payload === 'unsigned') contentSha256 = 'UNSIGNED-PAYLOAD';
      else if (plan.payload === 'literal') contentSha256 = plan.literal ?? 'UNSIGNED-PAYLOAD';
      const request: SignedRequest = {
        method: draft.method,
        rawPath: draft.path,
        rawQuery: joinPairs(query),
        headers: lowerMap(headers),
        body,
      };
      const signed = signRequest(request, {
        credentials: creds,
        region: plan.region,
        service: plan.service,
        nowMs: nowMs + (plan.skewMs ?? 0),
        crypto: nodeSigV4Crypto,
        ...(contentSha256 === undefined ? {} : { contentSha256 }),
      });
      headers = withSigningHeaders(headers, signed.request.headers);
      if (draft.body.kind === 'chunked') {
        const date = signed.amzDate;
        body = chunkedBody(draft.body, {
          seed: signed.signature,
          amzDate: date,
          scope: `${date.slice(0, 8)}/${plan.region}/${plan.service}/aws4_request`,
          key: deriveSigningKey(nodeSigV4Crypto, creds.secretAccessKey, date.slice(0, 8), plan.region, plan.service),
        });
      }
    } else if (plan.kind === 'presign') {
      const creds = credsOf(plan.creds);
      const request: SignedRequest = {
        method: draft.method,
        rawPath: draft.path,
        rawQuery: joinPairs(query),
        headers: lowerMap(headers),
        body,
      };
      const signed = presignRequest(request, {
        credentials: creds,
        region: plan.region,
        service: plan.service,
        nowMs: nowMs + (plan.skewMs ?? 0),
        crypto: nodeSigV4Crypto,
        expiresSeconds: plan.expires,
      });
      query = splitQuery(signed.request.rawQuery);
    } else if (plan.kind === 'sigv2') {
      const creds = credsOf(plan.creds);
      const expires = Math.floor(nowMs / 1000) + plan.expiresDeltaS;
      if (creds.sessionToken !== undefined && plan.tokenInQuery)
        query.push(['x-amz-security-token', encodeURIComponent(creds.sessionToken)]);
      else if (creds.sessionToken !== undefined) headers.push(['x-amz-security-token', creds.sessionToken]);
      const rawQuery = joinPairs(query);
      const lower = lowerMap(headers);
      const bucket = virtualBucket(hostValue);
      const stringToSign = sigV2StringToSign({
        method: draft.method,
        rawPath: draft.path,
        virtualHostBucket: bucket,
        rawQuery,
        header: (name) => lower[name]?.[0],
        headerNames: Object.keys(lower),
        query: safeParseQuery(rawQuery),
        expires,
      });
      const signature = createHmac('sha1', creds.secretAccessKey).update(stringToSign, 'utf8').digest('base64');
      query.push(['AWSAccessKeyId', creds.accessKeyId], ['Expires', String(expires)], ['Signature', encodeURIComponent(signature)]);
    } else if (draft.body.kind === 'chunked') {
      body = chunkedBody(draft.body, undefined);
    }
  } catch {
    // The signer refused this request (e.g. no host header left): it goes out unsigned.
  }
  for (const p of draft.post) ({ headers, query, body } = applyPost(p, headers, query, body));
  const queryText = joinPairs(query);
  const requestTarget = queryText === '' ? draft.path : `${draft.path}?${queryText}`;
  const method = draft.method;
  const cl = draft.contentLength ?? 'auto';
  const finalHeaders = [...headers];
  if (cl === 'auto') {
    if (body.length > 0 || method === 'POST' || method === 'PUT') finalHeaders.push(['Content-Length', String(body.length)]);
  } else if (cl !== 'none') finalHeaders.push(['Content-Length', cl]);
  const bytes = serialise(method, requestTarget, finalHeaders, body, draft.raw, target);
  return { method, target: requestTarget, headers: finalHeaders, body, bytes };
}

function lowerMap(headers: ReadonlyArray<[string, string]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of headers) (out[k.toLowerCase()] ??= []).push(v);
  return out;
}

/** The draft's headers in order, plus those the signer added (x-amz-date, token, content hash, authorization). */
function withSigningHeaders(headers: Array<[string, string]>, signed: Record<string, string[]>): Array<[string, string]> {
  const present = new Set(headers.map(([k]) => k.toLowerCase()));
  const out = headers.slice();
  for (const name of ['x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256', 'authorization']) {
    const values = signed[name];
    if (values === undefined) continue;
    if (present.has(name)) {
      // The signer replaced a value the draft had: send the signed one in its place.
      const i = out.findIndex(([k]) => k.toLowerCase() === name);
      out[i] = [out[i]![0], values[0]!];
    } else out.push([name === 'authorization' ? 'Authorization' : name, values[0]!]);
  }
  return out;
}

function splitQuery(raw: string): Pair[] {
  if (raw === '') return [];
  return raw.split('&').map((s) => {
    const eq = s.indexOf('=');
    return eq < 0 ? [s, undefined] : [s.slice(0, eq), s.slice(eq + 1)];
  });
}

function safeParseQuery(raw: string): Map<string, string> {
  try {
    return parseQuery(raw);
  } catch {
    return new Map();
  }
}

function virtualBucket(host: string): string | undefined {
  const name = host.replace(/:\d+$/, '').toLowerCase();
  return name.endsWith('.localhost') && name.length > '.localhost'.length ? name.slice(0, -'.localhost'.length) : undefined;
}

interface ChunkSigning {
  seed: string;
  amzDate: string;
  scope: string;
  key: Uint8Array;
}

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** The aws-chunked encoding of `body.data`, every chunk signed (when signing is given), then damaged as planned. */
function chunkedBody(body: Extract<Body, { kind: 'chunked' }>, signing: ChunkSigning | undefined): Buffer {
  const parts: Buffer[] = [];
  let previous = signing?.seed ?? '';
  const sign = (hash: string): string => {
    if (!signing) return '';
    const sts = ['AWS4-HMAC-SHA256-PAYLOAD', signing.amzDate, signing.scope, previous, EMPTY_SHA256, hash].join('\n');
    previous = nodeSigV4Crypto.hmacSha256Hex(signing.key, sts);
    return previous;
  };
  const damage = body.damage;
  let offset = 0;
  const sizes = [...body.sizes.filter((s) => s > 0), 0];
  for (let i = 0; i < sizes.length; i++) {
    const size = sizes[i]!;
    if (size === 0 && damage?.kind === 'no-final-chunk') break;
    const data = body.data.subarray(offset, offset + size);
    offset += size;
    let sig = body.signed ? sign(size === 0 ? EMPTY_SHA256 : createHash('sha256').update(data).digest('hex')) : '';
    if (damage?.kind === 'bad-signature' && damage.chunk === i) sig = flipHex(sig || '0'.repeat(64));
    let sizeText = size.toString(16);
    if (damage?.kind === 'size-lie' && damage.chunk === i) sizeText = Math.max(0, size + damage.delta).toString(16);
    if (damage?.kind === 'size-text' && damage.chunk === i) sizeText = damage.text;
    let ext = body.signed && !(damage?.kind === 'no-signature' && damage.chunk === i) ? `;chunk-signature=${sig}` : '';
    if (damage?.kind === 'extension' && damage.chunk === i) ext += damage.text;
    parts.push(Buffer.from(`${sizeText}${ext}\r\n`, 'latin1'));
    if (size > 0) {
      parts.push(data);
      if (!(damage?.kind === 'missing-crlf' && damage.chunk === i)) parts.push(Buffer.from('\r\n'));
    }
  }
  if (damage?.kind !== 'no-final-chunk') {
    if (body.trailer.length > 0) {
      let text = '';
      for (const [k, v] of body.trailer) text += `${k}:${v ?? ''}\n`;
      let lines = body.trailer.map(([k, v]) => `${k}:${v ?? ''}\r\n`).join('');
      if (damage?.kind === 'trailer-line') lines += damage.text + '\r\n';
      parts.push(Buffer.from(lines, 'latin1'));
      if (body.signed && signing) {
        const sts = [
          'AWS4-HMAC-SHA256-TRAILER',
          signing.amzDate,
          signing.scope,
          previous,
          createHash('sha256').update(text).digest('hex'),
        ].join('\n');
        let sig = nodeSigV4Crypto.hmacSha256Hex(signing.key, sts);
        if (damage?.kind === 'bad-trailer-signature') sig = flipHex(sig);
        parts.push(Buffer.from(`x-amz-trailer-signature:${sig}\r\n`));
      }
    }
    parts.push(Buffer.from('\r\n'));
  }
  if (damage?.kind === 'extra-data') parts.push(Buffer.from('5\r\nhello\r\n'));
  let out = Buffer.concat(parts);
  if (damage?.kind === 'cut') out = out.subarray(0, Math.min(out.length, damage.at));
  return out;
}

function flipHex(hex: string): string {
  if (hex.length === 0) return 'f';
  const i = Math.floor(hex.length / 2);
  const c = hex[i] === '0' ? '1' : '0';
  return hex.slice(0, i) + c + hex.slice(i + 1);
}

function applyPost(
  p: PostOp,
  headers: Array<[string, string]>,
  query: Pair[],
  body: Buffer,
): { headers: Array<[string, string]>; query: Pair[]; body: Buffer } {
  switch (p.op) {
    case 'flip-signature': {
      const auth = headers.findIndex(([k]) => k.toLowerCase() === 'authorization');
      if (auth >= 0) {
        const v = headers[auth]![1];
        headers = headers.slice();
        headers[auth] = [headers[auth]![0], v.replace(/Signature=([0-9a-f]+)/, (_, s: string) => `Signature=${flipHex(s)}`)];
      }
      query = query.map(([k, v]) =>
        (k === 'X-Amz-Signature' || k === 'Signature') && v !== undefined ? [k, k === 'Signature' ? 'A' + v.slice(1) : flipHex(v)] : [k, v],
      );
      return { headers, query, body };
    }
    case 'set-header': {
      const i = headers.findIndex(([k]) => k.toLowerCase() === p.name.toLowerCase());
      headers = headers.slice();
      if (i >= 0) headers[i] = [headers[i]![0], p.value];
      else headers.push([p.name, p.value]);
      return { headers, query, body };
    }
    case 'add-header':
      return { headers: [...headers, [p.name, p.value]], query, body };
    case 'drop-header':
      return { headers: headers.filter(([k]) => k.toLowerCase() !== p.name.toLowerCase()), query, body };
    case 'add-query':
      return { headers, query: [...query, [p.key, p.value]], body };
    case 'set-query': {
      const i = query.findIndex(([k]) => k === p.key);
      query = query.slice();
      if (i >= 0) query[i] = [p.key, p.value];
      else query.push([p.key, p.value]);
      return { headers, query, body };
    }
    case 'drop-query':
      return { headers, query: query.filter(([k]) => k !== p.key), body };
    case 'append-body':
      return { headers, query, body: Buffer.concat([body, Buffer.from(p.data, 'latin1')]) };
    case 'replace-in-auth':
      return {
        headers: headers.map(([k, v]) => (k.toLowerCase() === 'authorization' ? [k, v.replace(p.from, p.to)] : [k, v])),
        query: query.map(([k, v]) => (k === 'X-Amz-Credential' && v !== undefined ? [k, v.replace(p.from, p.to)] : [k, v])),
        body,
      };
  }
}

/** The request bytes, with any planned HTTP-level damage. */
function serialise(
  method: string,
  requestTarget: string,
  headers: Array<[string, string]>,
  body: Buffer,
  raw: RawDamage | undefined,
  target: Target,
): Buffer {
  let version = 'HTTP/1.1';
  let line = `${method} ${requestTarget}`;
  let headerLines = headers.map(([k, v]) => `${k}: ${v}`);
  let eol = '\r\n';
  let tail = body;
  switch (raw?.kind) {
    case 'request-line':
      line = raw.line;
      version = '';
      break;
    case 'version':
      version = raw.version;
      break;
    case 'header-line':
      headerLines.splice(Math.min(1, headerLines.length), 0, raw.line);
      break;
    case 'bare-lf':
      eol = '\n';
      break;
    case 'duplicate-content-length':
      headerLines.push(`Content-Length: ${raw.value}`);
      break;
    case 'te-and-cl':
      headerLines.push('Transfer-Encoding: chunked');
      break;
    case 'chunked-body':
      headerLines = headerLines.filter((l) => !/^content-length:/i.test(l));
      headerLines.push('Transfer-Encoding: chunked');
      tail = Buffer.from(raw.body, 'latin1');
      break;
    case 'short-body':
      tail = body.subarray(0, Math.max(0, body.length - raw.missing));
      break;
    case 'many-headers':
      for (let i = 0; i < raw.count; i++) headerLines.push(`X-Fuzz-${i}: ${i}`);
      break;
    case 'huge-header':
      headerLines.push(`X-Fuzz-Huge: ${'h'.repeat(raw.bytes)}`);
      break;
    case 'absolute-uri':
      line = `${method} http://${target.host}:${target.port}${requestTarget}`;
      break;
    case 'expect-continue':
      headerLines.push('Expect: 100-continue');
      break;
    case 'garbage':
      return Buffer.from(raw.bytes, 'latin1');
    default:
      break;
  }
  const head = `${line}${version ? ' ' + version : ''}${eol}${headerLines.map((l) => l + eol).join('')}${eol}`;
  const one = Buffer.concat([Buffer.from(head, 'latin1'), tail]);
  return raw?.kind === 'pipelined' ? Buffer.concat([one, one]) : one;
}
