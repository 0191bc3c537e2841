import type { Operation } from '../../operation.js';
import { createSAMLProvider } from './create-saml-provider.js';
import { deleteSAMLProvider } from './delete-saml-provider.js';
import { getSAMLProvider } from './get-saml-provider.js';
import { listSAMLProviderTags } from './list-saml-provider-tags.js';
import { listSAMLProviders } from './list-saml-providers.js';
import { tagSAMLProvider } from './tag-saml-provider.js';
import { untagSAMLProvider } from './untag-saml-provider.js';
import { updateSAMLProvider } from './update-saml-provider.js';

export { samlProviderByArn, type SamlProviderFacts } from './saml-lookups.js';
export { parseSamlMetadata, type SamlMetadata, type SigningCertificate } from './saml-metadata.js';

/** SAML 2.0 identity providers. */
export const SAML_PROVIDER_OPERATIONS: readonly Operation[] = [
  createSAMLProvider,
  getSAMLProvider,
  updateSAMLProvider,
  deleteSAMLProvider,
  listSAMLProviders,
  tagSAMLProvider,
  untagSAMLProvider,
  listSAMLProviderTags,
];
