import { AwsError } from '../../../errors/aws-error.js';
import type { Tag } from '../../../model/entities.js';
import { RECORD_KINDS } from '../../../model/record-kinds.js';
import type { Store } from '../../../storage/store.js';
import type { OperationContext } from '../../operation.js';
import { providerArn, providerOfArn } from '../oidc-providers/provider-arn.js';
import { recordKind, type StoredRecord } from '../shared/records.js';
import type { SigningCertificate } from './saml-metadata.js';

export type AssertionEncryptionMode = 'Required' | 'Allowed';

/** A private key for assertion decryption: its id and time, and the PEM sealed with the at-rest key. */
export interface StoredPrivateKey {
  keyId: string;
  timestamp: number;
  sealed: string;
}

/**
 * A SAML provider as stored: an IAM record of kind `saml-provider` named by the provider's Name.
 * The metadata is kept as given (GetSAMLProvider returns it) and as parsed (what federation
 * reads). `tags` is read by the authorizer for `aws:ResourceTag/…`.
 */
export interface SamlProviderValue {
  uuid: string;
  metadataDocument: string;
  entityId: string;
  /** Epoch ms: the metadata's validUntil, or 100 years after creation (docs/iam/providers.md). */
  validUntil: number;
  signingCertificates: SigningCertificate[];
  assertionEncryptionMode: AssertionEncryptionMode;
  privateKeys: StoredPrivateKey[];
  tags: Tag[];
}

export const samlProviders = recordKind<SamlProviderValue>(RECORD_KINDS.samlProvider);

export type SamlProviderRecord = StoredRecord<SamlProviderValue>;

export const samlProviderArn = (accountId: string, name: string) => providerArn(accountId, 'saml-provider', name);

/** The provider an ARN names in `accountId` (exact name; SAML provider names have no path). */
export async function findSamlProvider(store: Store, accountId: string, arn: string): Promise<SamlProviderRecord | undefined> {
  const target = providerOfArn(arn, 'saml-provider');
  if (!target || target.accountId !== accountId || target.name.includes('/')) return undefined;
  const record = await samlProviders.get(store, accountId, target.name);
  return record && record.name === target.name ? record : undefined;
}

/** AWS's NoSuchEntity for a SAML provider, the same for every operation (recorded, reference §4.9). */
export async function requireSamlProvider(ctx: OperationContext, arn: string): Promise<SamlProviderRecord> {
  const record = await findSamlProvider(ctx.store, ctx.caller.accountId, arn);
  if (!record) throw new AwsError('NoSuchEntity', `Manifest not found for arn ${arn}`);
  return record;
}

/** When a provider whose metadata has no validUntil expires: AWS's example shows creation + 100 years. */
export function defaultValidUntil(createDate: number): number {
  const d = new Date(createDate);
  d.setUTCFullYear(d.getUTCFullYear() + 100);
  return d.getTime();
}
