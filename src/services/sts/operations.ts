import type { Operation } from '../operation.js';
import { assumeRole } from './assume-role.js';
import { getCallerIdentity } from './get-caller-identity.js';

/** STS operations by Action name. */
export const STS_OPERATIONS: ReadonlyMap<string, Operation> = new Map(
  [assumeRole, getCallerIdentity].map((op) => [op.name, op]),
);

