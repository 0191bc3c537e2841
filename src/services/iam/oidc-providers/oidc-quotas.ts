/**
 * OpenID Connect provider quotas (IAM User Guide, "IAM and AWS STS quotas"; the texts as AWS
 * answers them, reference §4.8).
 */
export const OIDC_QUOTAS = {
  providersPerAccount: 100,
  clientIdsPerProvider: 100,
  thumbprintsPerProvider: 5,
} as const;

export const TOO_MANY_PROVIDERS = `Cannot exceed quota for OpenIdConnectProvidersPerAccount: ${OIDC_QUOTAS.providersPerAccount}`;
export const TOO_MANY_CLIENT_IDS = `Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: ${OIDC_QUOTAS.clientIdsPerProvider}`;
