import type { ContextValue } from '../../policy/index.js';
import { parseAmzDate } from '../../sigv4/index.js';
import type { Caller } from '../authenticate-request.js';
import { firstHeader, type ApiRequest } from '../edge/api-request.js';

/** Signing headers: never condition keys (and the session token must not reach a context or trace). */
const NOT_CONDITION_HEADERS = new Set([
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-content-sha256',
  'x-amz-decoded-content-length',
  'x-amz-trailer',
]);

/** Condition keys that describe an S3 request itself (s3:authType, s3:signatureAge, …). */
export function s3RequestContext(request: ApiRequest, caller: Caller, now: number): Record<string, ContextValue> {
  const ctx: Record<string, ContextValue> = {};
  if (caller.signatureVersion !== undefined) {
    ctx['s3:authType'] = caller.presigned ? 'REST-QUERY-STRING' : 'REST-HEADER';
    ctx['s3:signatureversion'] = caller.signatureVersion;
  }
  const signedAt = caller.signature && parseAmzDate(caller.signature.amzDate);
  if (signedAt !== undefined) ctx['s3:signatureAge'] = String(Math.max(0, now - signedAt));
  const contentSha256 = firstHeader(request, 'x-amz-content-sha256');
  if (contentSha256 !== undefined) ctx['s3:x-amz-content-sha256'] = contentSha256;
  // s3:x-amz-acl, s3:x-amz-storage-class, s3:x-amz-server-side-encryption, …: the header's value
  // when sent. The request-context builder keeps only the keys AWS lists for each action.
  for (const name of Object.keys(request.headers)) {
    if (name.startsWith('x-amz-') && !NOT_CONDITION_HEADERS.has(name)) ctx[`s3:${name}`] = firstHeader(request, name)!;
  }
  const ifMatch = firstHeader(request, 'if-match');
  if (ifMatch !== undefined) ctx['s3:if-match'] = ifMatch;
  const ifNoneMatch = firstHeader(request, 'if-none-match');
  if (ifNoneMatch !== undefined) ctx['s3:if-none-match'] = ifNoneMatch;
  const referer = firstHeader(request, 'referer');
  if (referer !== undefined) ctx['aws:referer'] = referer;
  return ctx;
}
