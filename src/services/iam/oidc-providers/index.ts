import type { Operation } from '../../operation.js';

/** OpenID Connect identity providers. */
export const OIDC_PROVIDER_OPERATIONS: readonly Operation[] = [];
