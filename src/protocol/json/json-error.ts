import type { AwsError } from '../../errors/aws-error.js';
import type { AwsErrorCode } from '../../errors/catalogue.js';

/** An error as a JSON 1.1 service sends it: `{"__type": type, "message": message}` with a status. */
export interface JsonError {
  type: string;
  message: string;
  status: number;
}

/**
 * The JSON services name the common authentication and protocol errors differently from the
 * Query services (IAM, STS): botocore and SDK v3 map these `__type` names to their exceptions.
 * Any other code (CloudTrail's own exceptions among them) goes on the wire as it is.
 */
const JSON_TYPES: Partial<Record<AwsErrorCode, string>> = {
  InvalidClientTokenId: 'UnrecognizedClientException',
  SignatureDoesNotMatch: 'InvalidSignatureException',
  RequestExpired: 'InvalidSignatureException',
  IncompleteSignature: 'IncompleteSignatureException',
  MissingAuthenticationToken: 'MissingAuthenticationTokenException',
  ExpiredToken: 'ExpiredTokenException',
  AccessDenied: 'AccessDeniedException',
  ValidationError: 'ValidationException',
  InvalidParameterValue: 'ValidationException',
  MissingParameter: 'ValidationException',
  Throttling: 'ThrottlingException',
  ServiceUnavailable: 'ServiceUnavailableException',
  InvalidAction: 'UnknownOperationException',
  MissingAction: 'UnknownOperationException',
};

export function jsonErrorOf(error: AwsError): JsonError {
  return { type: JSON_TYPES[error.code] ?? error.code, message: error.message, status: error.status };
}
