import { AwsError, internalFailure, isAwsError } from '../../errors/aws-error.js';
import { InvalidMarkerError } from '../../storage/store.js';
import { BodyAbortedError } from '../read-body.js';

/** Known non-AWS errors get their AWS meaning; anything else is an internal failure (its detail for the log only). */
export function toAwsError(error: unknown): AwsError {
  if (isAwsError(error)) return error;
  // The client went away mid-body: its fault, not the server's (and it will not read the answer).
  if (error instanceof BodyAbortedError)
    return new AwsError('MalformedQueryString', 'The query string contains a syntax error.', error.message);
  if (error instanceof InvalidMarkerError) return new AwsError('ValidationError', 'Invalid Marker.');
  return internalFailure(error instanceof Error ? (error.stack ?? error.message) : String(error));
}
