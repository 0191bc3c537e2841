import { AwsError, isAwsError } from '../../errors/aws-error.js';
import { ChunkedBodyError } from '../../protocol/rest-xml/aws-chunked.js';
import { S3Error, type S3ErrorCode } from './s3-errors.js';

/** The Query services' authentication errors, in S3's words. */
export function authenticationError(error: unknown, presigned: boolean, keyId: string | undefined): unknown {
  if (!isAwsError(error) || error instanceof S3Error) return error;
  const detail = error.internalDetail ?? error.message;
  switch (error.code) {
    case 'InvalidClientTokenId':
      return keyId?.startsWith('ASIA')
        ? new S3Error('InvalidToken', undefined, {}, detail)
        : new S3Error('InvalidAccessKeyId', undefined, { AWSAccessKeyId: keyId ?? '' }, detail);
    case 'ExpiredToken':
      return new S3Error('ExpiredToken', undefined, {}, detail);
    case 'SignatureDoesNotMatch':
      return new S3Error('SignatureDoesNotMatch', undefined, { AWSAccessKeyId: keyId ?? '' }, detail);
    case 'IncompleteSignature':
      return new S3Error(presigned ? 'AuthorizationQueryParametersError' : 'AuthorizationHeaderMalformed', error.message, {}, detail);
    case 'RequestExpired':
      return presigned
        ? new S3Error('AccessDenied', 'Request has expired', {}, detail)
        : new S3Error('RequestTimeTooSkewed', undefined, {}, detail);
    case 'MissingAuthenticationToken':
      return new S3Error('AccessDenied', undefined, {}, detail);
    default:
      return error;
  }
}

export const CHUNKED_ERRORS: Record<ChunkedBodyError['code'], S3ErrorCode> = {
  SignatureDoesNotMatch: 'SignatureDoesNotMatch',
  IncompleteBody: 'IncompleteBody',
  InvalidChunkSizeError: 'InvalidChunkSizeError',
  InvalidRequest: 'InvalidRequest',
};

/** S3 errors as they are; anything else is InternalError, its detail for the log only. */
export function toS3Error(error: unknown): S3Error {
  if (error instanceof S3Error) return error;
  if (error instanceof ChunkedBodyError) return new S3Error(CHUNKED_ERRORS[error.code], undefined, {}, error.detail);
  if (error instanceof AwsError) {
    if (error.code === 'AccessDenied') return new S3Error('AccessDenied', undefined, {}, error.message);
    // Refused for load (pending-requests.ts): S3's own word for it.
    if (error.code === 'Throttling') return new S3Error('SlowDown');
    return new S3Error('InternalError', undefined, {}, `${error.code}: ${error.internalDetail ?? error.message}`);
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return new S3Error('InternalError', undefined, {}, detail);
}
