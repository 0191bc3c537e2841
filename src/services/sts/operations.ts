import type { Operation } from '../operation.js';
import { assumeRole } from './assume-role.js';
import { assumeRoleWithWebIdentity } from './assume-role-with-web-identity.js';
import { assumeRoleWithSAML } from './assume-role-with-saml.js';
import { assumeRoot } from './assume-root.js';
import { decodeAuthorizationMessage } from './decode-authorization-message.js';
import { getAccessKeyInfo } from './get-access-key-info.js';
import { getCallerIdentity } from './get-caller-identity.js';
import { getDelegatedAccessToken } from './get-delegated-access-token.js';
import { getFederationToken } from './get-federation-token.js';
import { getSessionToken } from './get-session-token.js';
import { getWebIdentityToken } from './get-web-identity-token.js';

/** STS operations by Action name. */
export const STS_OPERATIONS: ReadonlyMap<string, Operation> = new Map(
  [
    assumeRole,
    assumeRoleWithWebIdentity,
    assumeRoleWithSAML,
    getCallerIdentity,
    getSessionToken,
    getFederationToken,
    getAccessKeyInfo,
    decodeAuthorizationMessage,
    assumeRoot,
    getWebIdentityToken,
    getDelegatedAccessToken,
  ].map((op) => [op.name, op]),
);
