/**
 * SAML provider quotas: 100 per account (IAM User Guide, "IAM and AWS STS quotas") and two
 * private keys per provider (the model's PrivateKeyList maximum).
 */
export const SAML_QUOTAS = { providersPerAccount: 100, privateKeysPerProvider: 2 } as const;

export const TOO_MANY_SAML_PROVIDERS = `Cannot exceed quota for SAMLProvidersPerAccount: ${SAML_QUOTAS.providersPerAccount}`;
