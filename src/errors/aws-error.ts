import { type AwsErrorCode, type ErrorCode, type QualifiedErrorCode, statusOf } from './catalogue.js';

/**
 * An error as AWS reports it: a code from the catalogue, AWS's own message text, the HTTP status
 * and fault type that go with the code. Handlers throw these; the codec renders them.
 *
 * A bare code is of the Query services' family (catalogue.ts); S3's and CloudTrail's codes come
 * with their family, as their subclasses (S3Error, CloudTrailError) pass them.
 */
export class AwsError extends Error {
  readonly code: AwsErrorCode;
  readonly status: number;
  readonly type: 'Sender' | 'Receiver';

  constructor(
    code: ErrorCode | QualifiedErrorCode,
    message: string,
    /** Detail for the log and the audit event only, never for the wire. */
    readonly internalDetail?: string,
  ) {
    super(message);
    this.code = typeof code === 'string' ? code : code.code;
    this.name = this.code;
    this.status = statusOf(code);
    this.type = this.status >= 500 ? 'Receiver' : 'Sender';
  }
}

export function isAwsError(value: unknown): value is AwsError {
  return value instanceof AwsError;
}

/** Anything that is not an AwsError becomes a generic internal failure on the wire. */
export function internalFailure(detail: string): AwsError {
  return new AwsError('InternalFailure', 'An internal error occurred. Try again later.', detail);
}
