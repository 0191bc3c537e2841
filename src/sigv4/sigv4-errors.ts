import { AwsError } from '../errors/aws-error.js';
import { formatAmzDate } from './amz-date.js';

/**
 * The errors the verifier throws, with AWS's own wording where it is known (see docs/sigv4.md for
 * the sources and for the texts that are our own).
 */

export function missingAuthenticationToken(): AwsError {
  return new AwsError('MissingAuthenticationToken', 'Request is missing Authentication Token');
}

export function incompleteSignature(message: string, detail?: string): AwsError {
  return new AwsError('IncompleteSignature', message, detail);
}

export const SIGNATURE_DOES_NOT_MATCH_MESSAGE =
  'The request signature we calculated does not match the signature you provided. ' +
  'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/** `detail` says why, for the log and the audit event; the wire gets AWS's generic text. */
export function signatureDoesNotMatch(detail: string, message = SIGNATURE_DOES_NOT_MATCH_MESSAGE): AwsError {
  return new AwsError('SignatureDoesNotMatch', message, detail);
}

/**
 * The credential scope names another service than the one answering (an `iam` signature sent to
 * STS, an `s3` one to IAM, …). AWS's text names the service it expected, with its trailing space.
 */
export function wrongScopeService(expected: string, got: string): AwsError {
  return signatureDoesNotMatch(
    `credential scope is for service '${got}', the request is for '${expected}'`,
    `Credential should be scoped to correct service: '${expected}'. `,
  );
}

const FIFTEEN_MINUTES_MS = 15 * 60 * 1000;

/** The request date is older than the allowed skew. */
export function signatureExpired(amzDate: string, nowMs: number, skewMs: number): AwsError {
  const minutes = skewLabel(skewMs);
  return new AwsError(
    'RequestExpired',
    `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(nowMs - skewMs)} ` + `(${formatAmzDate(nowMs)} - ${minutes} min.)`,
  );
}

/** The request date is further in the future than the allowed skew. */
export function signatureNotYetCurrent(amzDate: string, nowMs: number, skewMs: number): AwsError {
  const minutes = skewLabel(skewMs);
  return new AwsError(
    'RequestExpired',
    `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(nowMs + skewMs)} ` +
      `(${formatAmzDate(nowMs)} + ${minutes} min.)`,
  );
}

/** A presigned URL used after X-Amz-Date + X-Amz-Expires. */
export function presignedUrlExpired(detail: string): AwsError {
  return new AwsError('RequestExpired', 'Request has expired.', detail);
}

function skewLabel(skewMs: number): string {
  return skewMs === FIFTEEN_MINUTES_MS ? '15' : String(Math.round(skewMs / 60000));
}
