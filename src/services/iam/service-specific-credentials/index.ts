import type { Operation } from '../../operation.js';

/** Service-specific credentials (CodeCommit, Keyspaces, Bedrock). */
export const SERVICE_SPECIFIC_CREDENTIAL_OPERATIONS: readonly Operation[] = [];
