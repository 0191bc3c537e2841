import { type ErrorCode, statusOf } from './catalogue.js';

/**
 * An error as AWS reports it: a code from the catalogue, AWS's own message text, the HTTP status
 * and fault type that go with the code. Handlers throw these; the codec renders them.
 */
export class AwsError extends Error {
  readonly status: number;
  readonly type: 'Sender' | 'Receiver';

  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Detail for the log and the audit event only, never for the wire. */
    readonly internalDetail?: string,
  ) {
    super(message);
    this.name = code;
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
