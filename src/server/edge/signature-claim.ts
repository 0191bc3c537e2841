import { AwsError, isAwsError } from '../../errors/aws-error.js';
import { parseSigV4, type ParsedSignature } from '../../sigv4/index.js';
import type { SignedRequest } from '../../sigv4/signed-request.js';
import type { ApiRequest } from './api-request.js';

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
/**
 * The reading is kept on the request object itself, not in a WeakMap keyed by it. With the
 * WeakMap, V8's young-generation collector (Node 20) kept the values of requests long gone:
 * every request's parsed header (key id, scope, signed headers, signature) was copied by a
 * scavenge and promoted to the old generation — about 170 KB more surviving each scavenge at
 * 7 k requests/s (--trace-gc-nvp: 593 → 421 KB), and longer pauses.
 */
const CLAIM = Symbol('signature claim');

// Only for a malformed signature: which error format (S3's or the Query APIs') the caller expects,
// and the key id for the audit record. A well-formed signature is read by parseSigV4 alone.
const S3_SCOPE = /Credential=[^/,]+\/\d{8}\/[^/]+\/s3\/aws4_request/;
const S3_PRESIGNED = /[?&]X-Amz-Credential=[^&]*(?:%2F|\/)s3(?:%2F|\/)aws4_request/i;
const KEY_ID = /Credential=([^/,\s]+)\//;
const PRESIGNED_KEY_ID = /[?&]X-Amz-Credential=([^&%/]+)(?:%2F|\/)/i;

/** The request as SigV4 sees it; `body` is what has been read of it so far (nothing, at first). */
export function signedRequestOf(request: ApiRequest, body: Uint8Array = EMPTY, bodyStreamed = false): SignedRequest {
  return {
    method: request.method,
    rawPath: request.rawPath,
    rawQuery: request.rawQuery,
    headers: request.headers,
    body,
    ...(bodyStreamed ? { bodyStreamed } : {}),
  };
}

/** The request's signature claim, parsed on first use and remembered for the request's life. */
export function signatureClaim(request: ApiRequest): SignatureClaim {
  const holder = request as ApiRequest & { [CLAIM]?: SignatureClaim };
  let claim = holder[CLAIM];
  if (claim === undefined) {
    claim = readClaim(request);
    holder[CLAIM] = claim;
  }
  return claim;
}

function readClaim(request: ApiRequest): SignatureClaim {
  const authorization = request.headers.authorization?.[0];
  if (authorization === undefined && !request.url.includes('X-Amz-')) return NONE;
  try {
    return { kind: 'sigv4', parsed: parseSigV4(signedRequestOf(request)) };
  } catch (error) {
    if (!isAwsError(error)) throw error;
    if (error.code === 'MissingAuthenticationToken') return NONE;
    const header = authorization ?? '';
    const accessKeyId = KEY_ID.exec(header)?.[1] ?? PRESIGNED_KEY_ID.exec(request.url)?.[1];
    return {
      kind: 'malformed',
      error,
      s3: S3_SCOPE.test(header) || S3_PRESIGNED.test(request.url),
      ...(accessKeyId !== undefined ? { accessKeyId } : {}),
    };
  }
}

/** The error for a claim that is not a well-formed signature (MissingAuthenticationToken for none). */
export function claimError(claim: SignatureClaim): AwsError {
  return claim.kind === 'malformed' ? claim.error : new AwsError('MissingAuthenticationToken', 'Request is missing Authentication Token');
}
