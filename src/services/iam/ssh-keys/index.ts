import type { Operation } from '../../operation.js';

/** Users' SSH public keys (CodeCommit). */
export const SSH_KEY_OPERATIONS: readonly Operation[] = [];
