import { CLOUDTRAIL_ERRORS, type CloudTrailErrorCode } from './cloudtrail-catalogue.js';
import { S3_ERRORS, type S3ErrorCode } from './s3-catalogue.js';

export { CLOUDTRAIL_ERRORS, type CloudTrailErrorCode } from './cloudtrail-catalogue.js';
export { S3_ERRORS, type S3ErrorCode } from './s3-catalogue.js';

/**
 * Every AWS error code keysmith can answer with and its HTTP status; the fault type (Sender, the
 * caller's; Receiver, AWS's own) follows from the status. Codes are spelled exactly as AWS sends
 * them, because clients map them to exception classes.
 *
 * Three families, because AWS gives one name different statuses in different services
 * (ExpiredToken: 403 in IAM and STS, 400 in S3):
 * - `query`, this table: the Query services' codes (IAM, STS) and the authentication and protocol
 *   errors every service shares; the JSON pipeline sends these under its own names
 *   (src/protocol/json/json-error.ts);
 * - `s3`: S3's codes with their default messages (s3-catalogue.ts), thrown as `S3Error`;
 * - `cloudtrail`: CloudTrail's modeled exceptions (cloudtrail-catalogue.ts), thrown as
 *   `CloudTrailError`.
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
  ReportExpired: 410,
  ReportNotPresent: 410,
  ReportInProgress: 404,
  DuplicateCertificate: 409,
  DuplicateSSHPublicKey: 400,
  FeatureDisabled: 404,
  FeatureEnabled: 409,
  InvalidCertificate: 400,
  InvalidPublicKey: 400,
  InvalidUserType: 400,
  KeyPairMismatch: 400,
  MalformedCertificate: 400,
  OpenIdIdpCommunicationError: 400,
  PasswordPolicyViolation: 400,
  ReportGenerationLimitExceeded: 409,
  NotSupportedService: 404,
  UnrecognizedPublicKeyEncoding: 400,
  // IAM (modeled without an error code: the shape name is the code, the status Query's default)
  AccountNotManagementOrDelegatedAdministratorException: 400,
  CallerIsNotManagementAccountException: 400,
  OrganizationNotFoundException: 400,
  OrganizationNotInAllFeaturesModeException: 400,
  ServiceAccessNotEnabledException: 400,
  // STS (modeled)
  PackedPolicyTooLarge: 400,
  RegionDisabledException: 403,
  ExpiredTokenException: 400,
  IDPRejectedClaim: 403,
  InvalidIdentityToken: 400,
  IDPCommunicationError: 400,
  InvalidAuthorizationMessageException: 400,
  ExpiredTradeInTokenException: 400,
  JWTPayloadSizeExceededException: 400,
  OutboundWebIdentityFederationDisabledException: 403,
  SessionDurationEscalationException: 403,
  // The compute services' refusals of a role whose trust policy does not let them assume it
  // (credential grants, src/services/service-roles/): EC2's instance-metadata code, Lambda's and
  // ECS/EKS's parameter exceptions.
  AssumeRoleUnauthorizedAccess: 403,
  InvalidParameterValueException: 400,
  InvalidParameterException: 400,
} as const satisfies Record<string, number>;

/** A code of the `query` family, the one `new AwsError(code, …)` takes without naming a family. */
export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** A code with the family whose table gives its status. */
export type QualifiedErrorCode =
  { family: 'query'; code: ErrorCode } | { family: 's3'; code: S3ErrorCode } | { family: 'cloudtrail'; code: CloudTrailErrorCode };

export type ErrorFamily = QualifiedErrorCode['family'];

/** Every code keysmith answers with, of any family. */
export type AwsErrorCode = QualifiedErrorCode['code'];

/** The HTTP status of a code: a bare code is of the `query` family. */
export function statusOf(code: ErrorCode | QualifiedErrorCode): number {
  if (typeof code === 'string') return ERROR_CATALOGUE[code];
  switch (code.family) {
    case 'query':
      return ERROR_CATALOGUE[code.code];
    case 's3':
      return S3_ERRORS[code.code][0];
    case 'cloudtrail':
      return CLOUDTRAIL_ERRORS[code.code];
  }
}
