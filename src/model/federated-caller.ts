/**
 * Who signed in through an identity provider — an unsigned AssumeRoleWithWebIdentity or
 * AssumeRoleWithSAML carries no AWS credentials, only the provider's token or assertion — as
 * CloudTrail's `userIdentity` shows them (type `WebIdentityUser` / `SAMLUser`). The handler, once
 * it has verified the token, tells the pipeline; the audit record carries it.
 */
export type FederatedCaller = IdentityProviderCaller | ServiceCaller;

export interface IdentityProviderCaller {
  type: 'WebIdentityUser' | 'SAMLUser';
  /** As AWS writes it, e.g. `<provider>:<aud>:<sub>` for web identity, `<provider>:<sub>` for SAML. */
  principalId: string;
  /** The token's `sub` (web identity) or the assertion's NameID (SAML). */
  userName: string;
  /** The provider: its ARN (OIDC, SAML) or its well-known name (`accounts.google.com`, …). */
  identityProvider: string;
  /** The account whose role was assumed: its event history holds the event. */
  accountId: string;
  /**
   * What CloudTrail's requestParameters show of the sign-in besides the request's own members,
   * spelled as CloudTrail spells them (SAML: `sAMLAssertionID`, and the `roleSessionName`,
   * `principalTags`, `transitiveTagKeys`, `sourceIdentity` the assertion's attributes set).
   */
  requestDetails?: Readonly<Record<string, unknown>>;
}

/**
 * An AWS service assuming a role for the compute it runs (a credential grant's fetch,
 * src/services/service-roles/): CloudTrail shows `{"type": "AWSService", "invokedBy": …}`, and the
 * service as the source address and user agent.
 */
export interface ServiceCaller {
  type: 'AWSService';
  /** The service principal, e.g. `ec2.amazonaws.com`. */
  invokedBy: string;
  /** The account whose role was assumed. */
  accountId: string;
  /** requestParameters as CloudTrail shows them: roleArn, roleSessionName, durationSeconds. */
  requestDetails?: Readonly<Record<string, unknown>>;
}
