import { S3Error } from '../../services/s3/s3-errors.js';
import { authenticationError } from '../../services/s3/error-mapping.js';
import { readSigV2Query, type SigV2Query, sigV2StringToSign } from '../../protocol/rest-xml/sigv2-query.js';
import type { S3Address } from '../../protocol/rest-xml/s3-address.js';
import { wrongScopeService } from '../../sigv4/index.js';
import { ANONYMOUS, type Caller, callerOf, noteCaller } from '../authenticate-request.js';
import { firstHeader } from '../edge/api-request.js';
import { signatureClaim, signedRequestOf } from '../edge/signature-claim.js';
import type { Exchange } from '../pipeline.js';

const EMPTY = Buffer.alloc(0);
export const SHA256_HEX = /^[0-9a-fA-F]{64}$/;
const PAYLOAD_LITERALS = new Set([
  'UNSIGNED-PAYLOAD',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
  'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
]);

/**
 * Who is asking S3, from the headers and URL only (the claim the edge parsed): a SigV4 header or
 * presigned URL scoped to s3 (its payload hash signed as declared: the body, if any, is checked
 * against it when it is read), a legacy (SigV2) presigned URL, or nobody (anonymous).
 */
export async function authenticateS3(x: Exchange, address: S3Address): Promise<Caller> {
  const request = x.request;
  const contentSha256 = firstHeader(request, 'x-amz-content-sha256');
  const claim = signatureClaim(request);
  if (claim.kind === 'none') {
    const legacy = readSigV2Query(address.query);
    return legacy ? authenticateSigV2(x, address, legacy) : ANONYMOUS;
  }
  if (claim.kind === 'malformed') throw authenticationError(claim.error, request.headers.authorization === undefined, claim.accessKeyId);
  const parsed = claim.parsed;
  const presigned = parsed.presigned;
  const keyId = parsed.accessKeyId;
  x.audit.accessKeyId = keyId;
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
    const credentials = await x.app.authenticator.credentials(keyId, parsed.securityToken, x.now);
    credentials.verify(signedRequestOf(request, EMPTY, true), parsed, x.now);
    const caller = callerOf(x, credentials, parsed, 's3', parsed.region);
    noteCaller(x, caller, parsed.region);
    return caller;
  } catch (error) {
    throw authenticationError(error, presigned, keyId);
  }
}

/** A legacy (signature version 2) presigned URL: HMAC-SHA1 over S3's string to sign, until Expires. */
async function authenticateSigV2(x: Exchange, address: S3Address, legacy: SigV2Query): Promise<Caller> {
  x.audit.accessKeyId = legacy.accessKeyId;
  if (!legacy.signature || !Number.isFinite(legacy.expires)) {
    throw new S3Error('AccessDenied', 'Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters');
  }
  if (x.now > legacy.expires * 1000) {
    throw new S3Error('AccessDenied', 'Request has expired', {
      Expires: new Date(legacy.expires * 1000).toISOString(),
      ServerTime: new Date(x.now).toISOString(),
    });
  }
  let credentials;
  try {
    credentials = await x.app.authenticator.credentials(legacy.accessKeyId, legacy.securityToken, x.now);
  } catch (error) {
    throw authenticationError(error, true, legacy.accessKeyId);
  }
  const request = x.request;
  const stringToSign = sigV2StringToSign({
    method: request.method,
    rawPath: request.rawPath,
    virtualHostBucket: address.virtualHosted ? address.bucket : undefined,
    rawQuery: request.rawQuery,
    header: (name) => firstHeader(request, name),
    headerNames: Object.keys(request.headers),
    query: address.query,
    expires: legacy.expires,
  });
  if (!credentials.sigV2Matches(stringToSign, legacy.signature)) {
    throw new S3Error(
      'SignatureDoesNotMatch',
      undefined,
      { AWSAccessKeyId: legacy.accessKeyId, StringToSign: stringToSign },
      'SigV2 query signature mismatch',
    );
  }
  const caller = callerOf(x, credentials, undefined, 's3', x.app.config.region);
  x.audit.principal = caller.principal;
  return caller;
}
