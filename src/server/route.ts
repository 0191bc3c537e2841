import type { IncomingMessage } from 'node:http';
import { AwsError, isAwsError } from '../errors/aws-error.js';
import { virtualHostBucket } from '../protocol/rest-xml/s3-address.js';
import { parseSigV4, type ParsedSignature } from '../sigv4/index.js';
import type { SignedRequest } from '../sigv4/signed-request.js';
import { ADMIN_PREFIX } from './admin-router.js';

export type Protocol = 'admin' | 's3' | 'json' | 'query';

/**
 * What a request says about its SigV4 signature, read once from the headers and URL (never the
 * body) and shared by the router and the pipeline, so that both act on the same reading:
 * `none` (no Authorization header, no presigned query), `sigv4` (well-formed; not yet verified),
 * or `malformed` (the error to answer with, and the access key id when one can be made out, for
 * the audit record).
 */
export type SignatureClaim =
  { kind: 'none' } | { kind: 'sigv4'; parsed: ParsedSignature } | { kind: 'malformed'; error: AwsError; accessKeyId?: string; s3: boolean };

const NONE: SignatureClaim = { kind: 'none' };
const EMPTY = new Uint8Array(0);
const claims = new WeakMap<IncomingMessage, SignatureClaim>();

// Only for a malformed signature: which error format (S3's or the Query APIs') the caller expects.
const S3_SCOPE = /Credential=[^/,]+\/\d{8}\/[^/]+\/s3\/aws4_request/;
const S3_PRESIGNED = /[?&]X-Amz-Credential=[^&]*(?:%2F|\/)s3(?:%2F|\/)aws4_request/i;
const KEY_ID = /Credential=([^/,\s]+)\//;
const PRESIGNED_KEY_ID = /[?&]X-Amz-Credential=([^&%/]+)(?:%2F|\/)/i;

/** The request as SigV4 sees it; `body` is what has been read of it so far (nothing, at first). */
export function signedRequestOf(req: IncomingMessage, body: Uint8Array = EMPTY, bodyStreamed = false): SignedRequest {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return {
    method: req.method ?? 'GET',
    rawPath: q < 0 ? url : url.slice(0, q),
    rawQuery: q < 0 ? '' : url.slice(q + 1),
    headers: req.headersDistinct as Record<string, string[]>,
    body,
    ...(bodyStreamed ? { bodyStreamed } : {}),
  };
}

/** The request's signature claim, parsed on first use and remembered for the request's life. */
export function signatureClaim(req: IncomingMessage): SignatureClaim {
  let claim = claims.get(req);
  if (claim === undefined) {
    claim = readClaim(req);
    claims.set(req, claim);
  }
  return claim;
}

function readClaim(req: IncomingMessage): SignatureClaim {
  const url = req.url ?? '/';
  const authorization = req.headers.authorization;
  if (authorization === undefined && !url.includes('X-Amz-')) return NONE;
  try {
    return { kind: 'sigv4', parsed: parseSigV4(signedRequestOf(req)) };
  } catch (error) {
    if (!isAwsError(error)) throw error;
    if (error.code === 'MissingAuthenticationToken') return NONE;
    const header = authorization ?? '';
    const accessKeyId = KEY_ID.exec(header)?.[1] ?? PRESIGNED_KEY_ID.exec(url)?.[1];
    return {
      kind: 'malformed',
      error,
      s3: S3_SCOPE.test(header) || S3_PRESIGNED.test(url),
      ...(accessKeyId !== undefined ? { accessKeyId } : {}),
    };
  }
}

/**
 * Which pipeline a request belongs to, decided from headers only (the body is not read here:
 * S3 streams it). The SigV4 credential scope names the service a client signed for (parsed once,
 * strictly: a header with a component given twice is malformed, so no second `Credential=` can
 * route a request one way while it is verified another); JSON 1.1 services (CloudTrail) send
 * X-Amz-Target; everything else is the Query protocol (IAM, STS) — except requests that can only
 * be S3: a path other than `/`, or PUT/DELETE/HEAD (the Query services answer only at `/`, with
 * GET or POST), and for unsigned requests (anonymous access under a bucket policy, legacy
 * presigned URLs) also a virtual-hosted Host (`bucket.<s3Domain>`). A request signed for another
 * service that lands in a pipeline is refused there (the scope must name that pipeline's service).
 */
export function routeOf(req: IncomingMessage, s3Domain = 'localhost'): Protocol {
  const url = req.url ?? '/';
  if (url.startsWith(ADMIN_PREFIX)) return 'admin';
  const claim = signatureClaim(req);
  if (claim.kind === 'sigv4' ? claim.parsed.service === 's3' : claim.kind === 'malformed' && claim.s3) return 's3';
  if (req.headers['x-amz-target'] !== undefined) return 'json';
  if (onlyS3(req, url) || (claim.kind === 'none' && virtualHostBucket(req.headers.host ?? '', s3Domain) !== undefined)) return 's3';
  return 'query';
}

function onlyS3(req: IncomingMessage, url: string): boolean {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  if (path !== '/' && path !== '') return true;
  return req.method === 'PUT' || req.method === 'DELETE' || req.method === 'HEAD';
}

/** The error for a claim that is not a well-formed signature (MissingAuthenticationToken for none). */
export function claimError(claim: SignatureClaim): AwsError {
  return claim.kind === 'malformed' ? claim.error : new AwsError('MissingAuthenticationToken', 'Request is missing Authentication Token');
}
