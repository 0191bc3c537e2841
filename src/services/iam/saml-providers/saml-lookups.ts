import type { Store } from '../../../storage/store.js';
import type { SecretBox } from '../../../tokens/secret-box.js';
import { parseArn } from '../../../model/arns.js';
import { openPrivateKey } from './private-keys.js';
import type { SigningCertificate } from './saml-metadata.js';
import { type AssertionEncryptionMode, findSamlProvider } from './saml-records.js';

/** What AssumeRoleWithSAML needs of a registered SAML provider. Times are epoch ms. */
export interface SamlProviderFacts {
  arn: string;
  /** SAMLProviderUUID: AWS's per-provider sign-in endpoint ends in `/saml/acs/<uuid>`. */
  uuid: string;
  /** The metadata's entityID: a response's Issuer must equal it. */
  entityId: string;
  signingCertificates: readonly SigningCertificate[];
  validUntil: number;
  assertionEncryptionMode: AssertionEncryptionMode;
  /** Decryption keys, newest last, as unencrypted PKCS#8 PEM (opened from their sealed form). */
  privateKeys: readonly { keyId: string; pem: string }[];
}

/** The provider a PrincipalArn names (in the ARN's own account), or undefined. */
export async function samlProviderByArn(store: Store, secrets: SecretBox, arn: string): Promise<SamlProviderFacts | undefined> {
  const accountId = parseArn(arn)?.account;
  if (accountId === undefined) return undefined;
  const record = await findSamlProvider(store, accountId, arn);
  if (!record) return undefined;
  const v = record.value;
  return {
    arn,
    uuid: v.uuid,
    entityId: v.entityId,
    signingCertificates: v.signingCertificates,
    validUntil: v.validUntil,
    assertionEncryptionMode: v.assertionEncryptionMode,
    privateKeys: v.privateKeys.map((k) => ({ keyId: k.keyId, pem: openPrivateKey(secrets, k) })),
  };
}
