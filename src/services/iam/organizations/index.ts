import type { Operation } from '../../operation.js';

/** The Organizations-dependent actions, answered as AWS does for an account with no organization. */
export const ORGANIZATIONS_OPERATIONS: readonly Operation[] = [];
