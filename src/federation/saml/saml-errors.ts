import { AwsError } from '../../errors/aws-error.js';

/**
 * AssumeRoleWithSAML's refusals. Where AWS's text is on record (IAM UG "Troubleshoot SAML
 * federation", real reports) it is used as is; the rest are keysmith's, in the same voice
 * (docs/federation.md, SAML, lists which is which). The reason behind a refusal whose AWS text
 * says nothing (a bad signature) travels in the internal detail: the log and the audit record.
 */
export const SAML_TEXT = {
  /** AWS's text for every signature failure. */
  signatureInvalid: 'Response signature invalid',
  issuerMismatch: 'Issuer not present in specified provider',
  audienceMissing: 'Response does not contain the required audience.',
  providerMissing: "Specified provider doesn't exist.",
  notAuthorized: 'Not authorized to perform sts:AssumeRoleWithSAML',
  sessionNameMissing: 'RoleSessionName is required in AuthnResponse',
  sessionNameInvalid: 'RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}',
  sourceIdentityInvalid: 'Source Identity must match [a-zA-Z_0-9+=,.@-]{2,64} and not begin with "aws:"',
  /** Seen on AWS when the response's IssueInstant is more than 5 minutes old. */
  tooOld: 'Token must be redeemed within 5 minutes of issuance',
} as const;

/** InvalidIdentityToken (400): the response is not one keysmith can accept. */
export function invalidSaml(message: string, detail?: string): AwsError {
  return new AwsError('InvalidIdentityToken', message, detail);
}

/** The signature does not hold: AWS's one text, the reason for the log. */
export function badSignature(detail: string): AwsError {
  return new AwsError('InvalidIdentityToken', SAML_TEXT.signatureInvalid, detail);
}

/** ExpiredTokenException (400): the assertion's time is over. */
export function expiredSaml(message: string, detail?: string): AwsError {
  return new AwsError('ExpiredTokenException', message, detail);
}

/** AccessDenied (403) with AWS's text for every SAML trust refusal. */
export function notAuthorizedSaml(detail?: string): AwsError {
  return new AwsError('AccessDenied', SAML_TEXT.notAuthorized, detail);
}

/** IDPRejectedClaim (403): the identity provider itself reported that the sign-in failed. */
export function idpRejectedSaml(message: string, detail?: string): AwsError {
  return new AwsError('IDPRejectedClaim', message, detail);
}
