import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestFacts, startAudit } from './request-facts.js';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { isAwsError } from '../errors/aws-error.js';
import type { AuditInput } from '../audit/audit-input.js';
import type { Principal } from '../model/principal.js';
import type { ContextValue } from '../policy/index.js';
import { nodeSigV4Crypto } from '../platform/node-sigv4-crypto.js';
import { AwsChunkedDecoder, ChunkedBodyError, type ChunkCrypto } from '../protocol/rest-xml/aws-chunked.js';
import { encodeS3Error } from '../protocol/rest-xml/error-xml.js';
import { s3OperationName } from '../protocol/rest-xml/operation-name.js';
import { parseS3Address, type S3Address, S3AddressError } from '../protocol/rest-xml/s3-address.js';
import { readSigV2Query, type SigV2Query, sigV2StringToSign } from '../protocol/rest-xml/sigv2-query.js';
import { S3Authorization } from '../services/s3/authorize.js';
import { S3_OPERATIONS } from '../services/s3/operations.js';
import { type ObjectData, type S3Context, type S3Operation, type S3Response, XML_BODY_LIMIT } from '../services/s3/s3-context.js';
import { S3Error } from '../services/s3/s3-errors.js';
import { authenticationError, CHUNKED_ERRORS, toS3Error } from '../services/s3/error-mapping.js';
import { deriveSigningKey, parseAmzDate, type ParsedSignature, wrongScopeService } from '../sigv4/index.js';
import type { App } from './app.js';
import { BodyAbortedError, readBody } from './read-body.js';
import { signatureClaim, signedRequestOf } from './route.js';
import { isAuthQueryParameter } from '../audit/redact.js';
import { refuseAnonymousBody } from '../services/s3/anonymous-body.js';
import { unwritableHeader } from '../services/s3/response-headers.js';

const EMPTY = Buffer.alloc(0);
const SHA256_HEX = /^[0-9a-fA-F]{64}$/;
const PAYLOAD_LITERALS = new Set([
  'UNSIGNED-PAYLOAD',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
  'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
]);

/**
 * The S3 REST-XML pipeline: address (path or virtual-hosted style) → operation → authenticate
 * from headers and URL (SigV4 header or presigned URL scoped to s3, legacy presigned URL, or
 * anonymous) → body (XML documents buffered within the operation's limit and checked against
 * x-amz-content-sha256; object data streamed) → handler, which authorizes every action it
 * performs → response (XML, or object data streamed from disk) → one audit record. Errors are
 * S3's error XML with its codes.
 */
export async function handleS3Request(app: App, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  const hostId = randomBytes(24).toString('base64');
  const now = app.clock.now();
  const method = req.method ?? 'GET';
  const audit = startAudit(req, requestId, now, 's3', app.config.region);
  audit.readOnly = method === 'GET' || method === 'HEAD';
  let resource: string | undefined;
  try {
    // A malformed signature is answered as one, whatever the request would have been.
    const claim = signatureClaim(req);
    if (claim.kind === 'malformed') {
      audit.accessKeyId = claim.accessKeyId;
      throw authenticationError(claim.error, req.headers.authorization === undefined, claim.accessKeyId);
    }
    const address = addressOf(app, req);
    resource = resourcePath(address);
    const operation = operationOf(method, address, req);
    audit.operation = operation.name;
    audit.readOnly = operation.readOnly;
    audit.dataEvent = operation.dataEvent;
    audit.requestParameters = requestParameters(address);
    // Authenticated from the headers and URL alone; only then is an XML document read (and
    // checked against its declared hash), and object data streams only into a handler that has
    // authorized the write. Operations without a body never read one.
    const auth = await authenticate(app, req, address, now, audit);
    const body = operation.body === 'xml' ? await readXmlBody(app, req, address, operation, auth) : EMPTY;
    const facts = requestFacts(req, auth.signature?.region ?? app.config.region, now);
    const authorization = new S3Authorization(app.authorizer, app.policies, auth.principal, facts, requestContext(req, auth, now));
    let authorized = false;
    const ctx: S3Context = {
      input: {
        method,
        bucket: address.bucket,
        key: address.key,
        query: address.query,
        header: (name) => firstHeader(req, name),
        headerNames: () => Object.keys(req.headers),
        host: address.host,
        body,
        data: operation.body === 'stream' ? await objectData(app, req, auth, now) : emptyData(),
      },
      store: app.store,
      files: app.s3Files,
      policies: app.policies,
      caller: auth.principal,
      requestId,
      now,
      region: facts.region,
      async authorize(check) {
        authorized = true;
        await authorization.authorize(check);
      },
      async isAllowed(check) {
        authorized = true;
        return authorization.isAllowed(check);
      },
      clock: () => app.clock.now(),
    };
    const response = await operation.handler(ctx);
    try {
      // Fail closed: an operation that never asked for permission must not answer.
      if (!authorized) throw new S3Error('InternalError', undefined, {}, `${operation.name} answered without an authorization check`);
      await send(res, method, response, requestId, hostId);
    } catch (error) {
      // An object's file is open behind response.stream: close it on every way out.
      response.stream?.destroy();
      throw error;
    }
    app.audit.record(audit);
  } catch (error) {
    const e = toS3Error(error);
    audit.errorCode = e.code;
    audit.errorMessage = e.message;
    app.audit.record(audit);
    if (e.internalDetail) {
      const log = e.status >= 500 ? app.logger.error : app.logger.debug;
      log('s3 request failed', { requestId, code: e.code, detail: e.internalDetail });
    }
    // A body left half read (a refused upload) would stall the next request on this keep-alive
    // connection: read the rest and drop it.
    if (!req.complete) req.resume();
    sendError(res, method, e, resource, requestId, hostId);
  }
}

function firstHeader(req: IncomingMessage, name: string): string | undefined {
  const values = req.headersDistinct[name];
  return values === undefined ? undefined : values[0];
}

function addressOf(app: App, req: IncomingMessage): S3Address {
  try {
    return parseS3Address(req.url ?? '/', req.headers.host ?? '', app.config.s3VirtualHostDomain);
  } catch (error) {
    if (error instanceof S3AddressError) throw new S3Error('InvalidURI', undefined, {}, error.message);
    throw error;
  }
}

function resourcePath(address: S3Address): string {
  if (address.bucket === undefined) return '/';
  return address.key === undefined ? `/${address.bucket}` : `/${address.bucket}/${address.key}`;
}

function operationOf(method: string, address: S3Address, req: IncomingMessage): S3Operation {
  const name = s3OperationName(method, address, req.headers['x-amz-copy-source'] !== undefined);
  if (name === 'MethodNotAllowed')
    throw new S3Error('MethodNotAllowed', undefined, { Method: method, ResourceType: address.key ? 'OBJECT' : 'BUCKET' });
  const operation = name === undefined ? undefined : S3_OPERATIONS.get(name);
  if (!operation) throw new S3Error('NotImplemented');
  return operation;
}

/**
 * The request's members for the audit log: Bucket and Key as the API model names them (the audit
 * module spells them CloudTrail's way, bucketName and key), Host, and the query's own parameters.
 */
function requestParameters(address: S3Address): Record<string, unknown> {
  const params: Record<string, unknown> = { Host: address.host };
  if (address.bucket !== undefined) params.Bucket = address.bucket;
  if (address.key !== undefined) params.Key = address.key;
  // Never the signature parameters (SigV4's X-Amz-*, SigV2's Signature, AWSAccessKeyId, Expires):
  // with them the audit file would hold working presigned URLs.
  for (const [k, v] of address.query) if (!isAuthQueryParameter(k)) params[k] = v;
  return params;
}

/**
 * The XML document of an authenticated (or possibly allowed anonymous) request, within the
 * operation's limit, checked against a hex x-amz-content-sha256 (the signature covered the
 * declared value; this checks the bytes are the ones declared).
 */
async function readXmlBody(
  app: App,
  req: IncomingMessage,
  address: S3Address,
  operation: S3Operation,
  auth: Authenticated,
): Promise<Buffer> {
  if (auth.principal === undefined) await refuseAnonymousBody(app.store, app.policies, operation.name, address.bucket);
  const limit = operation.maxBodyBytes ?? XML_BODY_LIMIT;
  let body: Buffer;
  try {
    body = await readBody(req, limit);
  } catch (error) {
    if (isAwsError(error) && error.code === 'RequestEntityTooLarge')
      throw new S3Error('MaxMessageLengthExceeded', undefined, { MaxMessageLengthBytes: String(limit) });
    if (error instanceof BodyAbortedError) throw new S3Error('IncompleteBody', undefined, {}, error.message);
    throw error;
  }
  const declared = auth.contentSha256;
  if (declared !== undefined && SHA256_HEX.test(declared)) {
    const actual = createHash('sha256').update(body).digest('hex');
    if (actual !== declared.toLowerCase()) {
      throw new S3Error('XAmzContentSHA256Mismatch', undefined, { ClientComputedContentSHA256: declared, S3ComputedContentSHA256: actual });
    }
  }
  return body;
}

interface Authenticated {
  principal?: Principal;
  /** SigV4: what the request claimed (date, scope, seed signature for chunks). */
  signature?: ParsedSignature;
  /** `AWS4-HMAC-SHA256`, `AWS` (legacy presigned URLs), or undefined for anonymous requests. */
  signatureVersion?: string;
  presigned: boolean;
  /** x-amz-content-sha256 as sent. */
  contentSha256?: string;
}

/**
 * Who is asking, from the headers and URL only (the claim route.ts parsed). A SigV4 signature must
 * be scoped to s3; its payload hash is signed as declared (the body, if any, is checked against it
 * when it is read).
 */
async function authenticate(app: App, req: IncomingMessage, address: S3Address, now: number, audit: AuditInput): Promise<Authenticated> {
  const contentSha256 = firstHeader(req, 'x-amz-content-sha256');
  const claim = signatureClaim(req);
  if (claim.kind === 'none') {
    const legacy = readSigV2Query(address.query);
    if (legacy) return authenticateSigV2(app, req, address, legacy, now, audit, contentSha256);
    return { presigned: false, contentSha256 };
  }
  if (claim.kind === 'malformed') throw authenticationError(claim.error, req.headers.authorization === undefined, claim.accessKeyId);
  const parsed = claim.parsed;
  const presigned = parsed.presigned;
  const keyId = parsed.accessKeyId;
  audit.accessKeyId = keyId;
  if (parsed.service !== 's3') {
    const wrong = wrongScopeService('s3', parsed.service);
    throw new S3Error('SignatureDoesNotMatch', wrong.message, { AWSAccessKeyId: keyId }, wrong.internalDetail);
  }
  if (contentSha256 !== undefined && !PAYLOAD_LITERALS.has(contentSha256) && !SHA256_HEX.test(contentSha256)) {
    if (contentSha256.startsWith('STREAMING-')) throw new S3Error('NotImplemented', undefined, { Header: 'x-amz-content-sha256' });
    throw new S3Error(
      'InvalidArgument',
      'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER or a valid sha256 value.',
      { ArgumentName: 'x-amz-content-sha256', ArgumentValue: contentSha256 },
    );
  }
  if (!presigned && contentSha256 === undefined)
    throw new S3Error('InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
  try {
    const { principal, signature } = await app.authenticator.authenticate(signedRequestOf(req, EMPTY, true), now, parsed);
    audit.principal = principal;
    audit.region = signature.region;
    if (!principal.temporary) app.usage.keyUsed(principal.accessKeyId, 's3', signature.region, now);
    return { principal, signature, signatureVersion: 'AWS4-HMAC-SHA256', presigned, contentSha256 };
  } catch (error) {
    throw authenticationError(error, presigned, keyId);
  }
}

/** A legacy (signature version 2) presigned URL: HMAC-SHA1 over S3's string to sign, until Expires. */
async function authenticateSigV2(
  app: App,
  req: IncomingMessage,
  address: S3Address,
  legacy: SigV2Query,
  now: number,
  audit: AuditInput,
  contentSha256: string | undefined,
): Promise<Authenticated> {
  audit.accessKeyId = legacy.accessKeyId;
  if (!legacy.signature || !Number.isFinite(legacy.expires)) {
    throw new S3Error('AccessDenied', 'Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters');
  }
  if (now > legacy.expires * 1000) {
    throw new S3Error('AccessDenied', 'Request has expired', {
      Expires: new Date(legacy.expires * 1000).toISOString(),
      ServerTime: new Date(now).toISOString(),
    });
  }
  let credentials;
  try {
    credentials = await app.authenticator.credentials(legacy.accessKeyId, legacy.securityToken, now);
  } catch (error) {
    throw authenticationError(error, true, legacy.accessKeyId);
  }
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const stringToSign = sigV2StringToSign({
    method: req.method ?? 'GET',
    rawPath: q < 0 ? url : url.slice(0, q),
    virtualHostBucket: address.virtualHosted ? address.bucket : undefined,
    rawQuery: q < 0 ? '' : url.slice(q + 1),
    header: (name) => firstHeader(req, name),
    headerNames: Object.keys(req.headers),
    query: address.query,
    expires: legacy.expires,
  });
  const expected = createHmac('sha1', credentials.secretAccessKey).update(stringToSign, 'utf8').digest('base64');
  if (!nodeSigV4Crypto.constantTimeEqualHex(expected, legacy.signature)) {
    throw new S3Error(
      'SignatureDoesNotMatch',
      undefined,
      { AWSAccessKeyId: legacy.accessKeyId, StringToSign: stringToSign },
      'SigV2 query signature mismatch',
    );
  }
  const principal = credentials.principal;
  audit.principal = principal;
  if (!principal.temporary) app.usage.keyUsed(principal.accessKeyId, 's3', app.config.region, now);
  return { principal, signatureVersion: 'AWS', presigned: true, contentSha256 };
}

/** Condition keys that describe the request itself (s3:authType, s3:signatureAge, …). */
function requestContext(req: IncomingMessage, auth: Authenticated, now: number): Record<string, ContextValue> {
  const ctx: Record<string, ContextValue> = {};
  if (auth.signatureVersion !== undefined) {
    ctx['s3:authType'] = auth.presigned ? 'REST-QUERY-STRING' : 'REST-HEADER';
    ctx['s3:signatureversion'] = auth.signatureVersion;
  }
  const signedAt = auth.signature && parseAmzDate(auth.signature.amzDate);
  if (signedAt !== undefined) ctx['s3:signatureAge'] = String(Math.max(0, now - signedAt));
  if (auth.contentSha256 !== undefined) ctx['s3:x-amz-content-sha256'] = auth.contentSha256;
  // s3:x-amz-acl, s3:x-amz-storage-class, s3:x-amz-server-side-encryption, …: the header's value
  // when sent. The request-context builder keeps only the keys AWS lists for each action.
  for (const name of Object.keys(req.headers)) {
    if (name.startsWith('x-amz-') && !NOT_CONDITION_HEADERS.has(name)) ctx[`s3:${name}`] = firstHeader(req, name)!;
  }
  const ifMatch = firstHeader(req, 'if-match');
  if (ifMatch !== undefined) ctx['s3:if-match'] = ifMatch;
  const ifNoneMatch = firstHeader(req, 'if-none-match');
  if (ifNoneMatch !== undefined) ctx['s3:if-none-match'] = ifNoneMatch;
  const referer = firstHeader(req, 'referer');
  if (referer !== undefined) ctx['aws:referer'] = referer;
  return ctx;
}

/** Signing headers: never condition keys (and the session token must not reach a context or trace). */
const NOT_CONDITION_HEADERS = new Set([
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-content-sha256',
  'x-amz-decoded-content-length',
  'x-amz-trailer',
]);

function emptyData(): ObjectData {
  return {
    async *[Symbol.asyncIterator]() {},
    trailers: () => new Map(),
  };
}

/**
 * The object data of PutObject / UploadPart, streamed from the socket. aws-chunked bodies are
 * decoded on the way, each chunk signature (and a signed trailer) checked against the chain that
 * starts at the request signature. The iterator never destroys the request: when a handler stops
 * reading (an error), the error response can still go out on the same connection.
 */
async function objectData(app: App, req: IncomingMessage, auth: Authenticated, now: number): Promise<ObjectData> {
  const mode = auth.contentSha256;
  const streaming = mode !== undefined && mode.startsWith('STREAMING-');
  let decoder: AwsChunkedDecoder | undefined;
  let declaredLength: number | undefined;
  if (streaming) {
    const decoded = firstHeader(req, 'x-amz-decoded-content-length');
    declaredLength = decoded !== undefined && /^\d+$/.test(decoded) ? Number(decoded) : undefined;
    const signed = mode !== 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';
    if (signed && auth.signature === undefined)
      throw new S3Error('InvalidRequest', 'Signed streaming uploads need a SigV4 Authorization header');
    decoder = new AwsChunkedDecoder({
      trailer: mode.endsWith('-TRAILER'),
      signature: signed ? { seed: auth.signature!.signature, amzDate: auth.signature!.amzDate, scope: auth.signature!.scope } : undefined,
      crypto: await chunkCrypto(app, auth, now),
    });
  } else {
    const length = firstHeader(req, 'content-length');
    declaredLength = length !== undefined && /^\d+$/.test(length) ? Number(length) : undefined;
  }
  let trailers: ReadonlyMap<string, string> = new Map();
  return {
    declaredLength,
    payloadSha256: mode !== undefined && SHA256_HEX.test(mode) ? mode : undefined,
    trailers: () => trailers,
    async *[Symbol.asyncIterator]() {
      try {
        for await (const chunk of req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
          if (decoder) yield* decoder.push(chunk);
          else yield chunk;
        }
        if (decoder) trailers = decoder.end();
      } catch (error) {
        if (error instanceof ChunkedBodyError) throw new S3Error(CHUNKED_ERRORS[error.code], undefined, {}, error.detail);
        if (error instanceof S3Error) throw error;
        // The socket went away mid-upload (the only other way reading the request fails): the
        // client's doing, answered (to nobody) and audited as S3 does, IncompleteBody.
        throw new S3Error(
          'IncompleteBody',
          undefined,
          {},
          `client closed the connection mid-body: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    },
  };
}

/**
 * Hashing for chunk signatures, with the signing key of the request's credentials (the ones the
 * authenticator has just verified the seed signature with).
 */
async function chunkCrypto(app: App, auth: Authenticated, now: number): Promise<ChunkCrypto> {
  // An unsigned streaming upload (STREAMING-UNSIGNED-PAYLOAD-TRAILER) may come without a SigV4
  // signature (anonymous, or a SigV2 presigned URL): it hashes, but has nothing to sign with.
  const sig = auth.signature;
  let sign: (stringToSign: string) => string = () => {
    throw new S3Error('InvalidRequest', 'Signed streaming uploads need a SigV4 Authorization header');
  };
  if (sig !== undefined) {
    const { secretAccessKey } = await app.authenticator.credentials(sig.accessKeyId, sig.securityToken, now);
    const key = deriveSigningKey(nodeSigV4Crypto, secretAccessKey, sig.scopeDate, sig.region, sig.service);
    sign = (stringToSign) => nodeSigV4Crypto.hmacSha256Hex(key, stringToSign);
  }
  return {
    sha256: () => {
      const h = createHash('sha256');
      return { update: (d) => void h.update(d), digestHex: () => h.digest('hex') };
    },
    sha256Hex: (text) => nodeSigV4Crypto.sha256Hex(text),
    sign,
    constantTimeEqualHex: (a, b) => nodeSigV4Crypto.constantTimeEqualHex(a, b),
  };
}

function baseHeaders(requestId: string, hostId: string): Record<string, string> {
  return { 'x-amz-request-id': requestId, 'x-amz-id-2': hostId, Date: new Date().toUTCString(), Server: 'keysmith' };
}

async function send(res: ServerResponse, method: string, response: S3Response, requestId: string, hostId: string): Promise<void> {
  // Node throws on a header value it cannot write; found here, it is an error answer instead.
  const unwritable = response.headers === undefined ? undefined : unwritableHeader(response.headers);
  if (unwritable !== undefined)
    throw new S3Error('InternalError', undefined, {}, `response header ${unwritable} holds characters HTTP cannot carry`);
  const headers: Record<string, string> = { ...baseHeaders(requestId, hostId), ...response.headers };
  const status = response.status ?? 200;
  let body: string | undefined;
  if (response.xml !== undefined) {
    body = response.xml;
    headers['Content-Type'] = 'application/xml';
  } else if (response.text !== undefined) {
    body = response.text.body;
    headers['Content-Type'] = response.text.contentType;
  }
  if (body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(body));
  else if (response.stream === undefined && headers['Content-Length'] === undefined && status !== 204 && status !== 304)
    headers['Content-Length'] = '0';
  res.writeHead(status, contentLengthLast(headers));
  if (method === 'HEAD') {
    response.stream?.destroy();
    res.end();
  } else if (response.stream) {
    // A client that goes away mid-download ends the stream (and closes the file); nothing to answer.
    await pipeline(response.stream, res).catch(() => undefined);
  } else {
    res.end(body);
  }
}

/**
 * The same headers with Content-Length moved to the end. Node (PR 46528) re-encodes a
 * Content-Disposition value that comes after Content-Length as a Latin-1 buffer and then refuses
 * any non-ASCII byte in it, so a stored or overridden `filename="café.pdf"` would fail the whole
 * response; before Content-Length it is written like every other header (its Latin-1 bytes).
 */
function contentLengthLast(headers: Record<string, string>): Record<string, string> {
  const length = headers['Content-Length'];
  if (length === undefined) return headers;
  const out: Record<string, string> = {};
  for (const name in headers) if (name !== 'Content-Length') out[name] = headers[name]!;
  out['Content-Length'] = length;
  return out;
}

function sendError(
  res: ServerResponse,
  method: string,
  error: S3Error,
  resource: string | undefined,
  requestId: string,
  hostId: string,
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const xml = encodeS3Error(error.code, error.message, error.fields, resource, requestId, hostId);
  const headers: Record<string, string> = { ...baseHeaders(requestId, hostId), ...error.headers, 'Content-Type': 'application/xml' };
  if (method === 'HEAD') {
    res.writeHead(error.status, headers);
    res.end();
    return;
  }
  headers['Content-Length'] = String(Buffer.byteLength(xml));
  res.writeHead(error.status, headers);
  res.end(xml);
}
