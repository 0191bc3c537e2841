import type { Operation } from '../../operation.js';

/** Delegation requests. */
export const DELEGATION_REQUEST_OPERATIONS: readonly Operation[] = [];
