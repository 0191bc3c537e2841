import type { Operation } from '../operation.js';
import { createCredentialGrant } from './create-credential-grant.js';
import { revokeCredentialGrant } from './revoke-credential-grant.js';

/**
 * keysmith's own Query service (`keysmith`, src/model/compute-types.ts): credential grants, the
 * way a program runs as a role the way AWS compute hands it one (docs/service-roles.md). The
 * grant's credentials are fetched over the container-credentials protocol
 * (src/server/apis/credentials-api.ts), not through this table.
 */
export const KEYSMITH_OPERATIONS: ReadonlyMap<string, Operation> = new Map(
  [createCredentialGrant, revokeCredentialGrant].map((op) => [op.name, op]),
);
