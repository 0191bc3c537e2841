import { AwsError } from '../../../errors/aws-error.js';
import type { Tag } from '../../../model/entities.js';
import { RECORD_KINDS } from '../../../model/record-kinds.js';
import type { Store } from '../../../storage/store.js';
import type { OperationContext } from '../../operation.js';
import { recordKind, type StoredRecord } from '../shared/records.js';
import { providerArn, providerOfArn } from './provider-arn.js';

/**
 * An OpenID Connect provider as stored: an IAM record of kind `oidc-provider` named by its URL
 * without `https://` (`host/path`), in its account. `tags` is read by the authorizer for
 * `aws:ResourceTag/…` (src/authz/resource-target.ts).
 */
export interface OidcProviderValue {
  /** The URL as created, with `https://`. */
  url: string;
  clientIds: string[];
  thumbprints: string[];
  tags: Tag[];
}

export const oidcProviders = recordKind<OidcProviderValue>(RECORD_KINDS.oidcProvider);

export type OidcProviderRecord = StoredRecord<OidcProviderValue>;

export const oidcProviderArn = (accountId: string, name: string) => providerArn(accountId, 'oidc-provider', name);

/**
 * The provider an ARN names, in the caller's account. The store's names compare without case
 * (uniqueness); a provider's name is its URL, which the issuer claim must match exactly, so the
 * lookup does too.
 */
export async function findOidcProvider(store: Store, callerAccountId: string, arn: string): Promise<OidcProviderRecord | undefined> {
  const target = providerOfArn(arn, 'oidc-provider');
  if (!target || target.accountId !== callerAccountId) return undefined;
  const record = await oidcProviders.get(store, target.accountId, target.name);
  return record && record.name === target.name ? record : undefined;
}

/** GetOpenIDConnectProvider's (and most operations') NoSuchEntity, as AWS words it (recorded). */
export async function requireOidcProvider(ctx: OperationContext, arn: string): Promise<OidcProviderRecord> {
  const record = await findOidcProvider(ctx.store, ctx.caller.accountId, arn);
  if (!record) throw new AwsError('NoSuchEntity', `OpenIDConnect Provider not found for arn ${arn}`);
  return record;
}
