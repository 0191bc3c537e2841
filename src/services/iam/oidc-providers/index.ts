import type { Operation } from '../../operation.js';
import { addClientIDToOpenIDConnectProvider } from './add-client-id-to-open-id-connect-provider.js';
import { createOpenIDConnectProvider } from './create-open-id-connect-provider.js';
import { deleteOpenIDConnectProvider } from './delete-open-id-connect-provider.js';
import { getOpenIDConnectProvider } from './get-open-id-connect-provider.js';
import { listOpenIDConnectProviderTags } from './list-open-id-connect-provider-tags.js';
import { listOpenIDConnectProviders } from './list-open-id-connect-providers.js';
import { removeClientIDFromOpenIDConnectProvider } from './remove-client-id-from-open-id-connect-provider.js';
import { tagOpenIDConnectProvider } from './tag-open-id-connect-provider.js';
import { untagOpenIDConnectProvider } from './untag-open-id-connect-provider.js';
import { updateOpenIDConnectProviderThumbprint } from './update-open-id-connect-provider-thumbprint.js';

export { oidcProviderForIssuer, type OidcProviderFacts } from './oidc-lookups.js';

/** OpenID Connect identity providers. */
export const OIDC_PROVIDER_OPERATIONS: readonly Operation[] = [
  createOpenIDConnectProvider,
  getOpenIDConnectProvider,
  listOpenIDConnectProviders,
  deleteOpenIDConnectProvider,
  addClientIDToOpenIDConnectProvider,
  removeClientIDFromOpenIDConnectProvider,
  updateOpenIDConnectProviderThumbprint,
  tagOpenIDConnectProvider,
  untagOpenIDConnectProvider,
  listOpenIDConnectProviderTags,
];
