import type { Operation } from '../../operation.js';

/** SAML 2.0 identity providers. */
export const SAML_PROVIDER_OPERATIONS: readonly Operation[] = [];
