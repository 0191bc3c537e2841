import type { Store } from '../../../storage/store.js';
import { oidcProviderArn, oidcProviders } from './oidc-records.js';

/** What AssumeRoleWithWebIdentity needs of a registered OpenID Connect provider. */
export interface OidcProviderFacts {
  arn: string;
  /** The URL as created (`https://host/path`): the token's `iss` must equal it. */
  url: string;
  clientIds: readonly string[];
  thumbprints: readonly string[];
}

/**
 * The provider registered in `accountId` for a token's issuer (`iss`, `https://host/path`), or
 * undefined. The match is exact: the store's case-blind name lookup is narrowed to the same text.
 */
export async function oidcProviderForIssuer(store: Store, accountId: string, issuerUrl: string): Promise<OidcProviderFacts | undefined> {
  if (!issuerUrl.startsWith('https://')) return undefined;
  const name = issuerUrl.slice('https://'.length);
  const record = await oidcProviders.get(store, accountId, name);
  if (!record || record.name !== name) return undefined;
  return {
    arn: oidcProviderArn(accountId, name),
    url: record.value.url,
    clientIds: record.value.clientIds,
    thumbprints: record.value.thumbprints,
  };
}
