/**
 * Every AWS error code keysmith can answer with, its HTTP status, and whether AWS calls it the
 * caller's fault (Sender) or its own (Receiver). Codes are spelled exactly as AWS sends them,
 * because clients map them to exception classes.
 */
export const ERROR_CATALOGUE = {
  // Authentication and protocol (common to query services)
  InvalidClientTokenId: 403,
  SignatureDoesNotMatch: 403,
  IncompleteSignature: 400,
  MissingAuthenticationToken: 403,
  RequestExpired: 400,
  ExpiredToken: 403,
  AccessDenied: 403,
  InvalidAction: 400,
  MissingAction: 400,
  MissingParameter: 400,
  InvalidParameterValue: 400,
  InvalidParameterCombination: 400,
  MalformedQueryString: 404,
  ValidationError: 400,
  Throttling: 400,
  InternalFailure: 500,
  ServiceUnavailable: 503,
  RequestEntityTooLarge: 413,
  // IAM (modeled)
  NoSuchEntity: 404,
  EntityAlreadyExists: 409,
  DeleteConflict: 409,
  LimitExceeded: 409,
  MalformedPolicyDocument: 400,
  InvalidInput: 400,
  UnmodifiableEntity: 400,
  PolicyNotAttachable: 400,
  ConcurrentModification: 409,
  EntityTemporarilyUnmodifiable: 409,
  ServiceFailure: 500,
  PolicyEvaluation: 500,
  InvalidAuthenticationCode: 403,
  // STS (modeled)
  PackedPolicyTooLarge: 400,
  RegionDisabledException: 403,
  ExpiredTokenException: 400,
  IDPRejectedClaim: 403,
  InvalidIdentityToken: 400,
  IDPCommunicationError: 400,
  InvalidAuthorizationMessageException: 400,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export function statusOf(code: ErrorCode): number {
  return ERROR_CATALOGUE[code];
}
