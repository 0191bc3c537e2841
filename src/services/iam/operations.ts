import type { Operation } from '../operation.js';
import { USER_OPERATIONS } from './users/index.js';

/** IAM operations by Action name; each area of the API contributes its own list. */
export const IAM_OPERATIONS: ReadonlyMap<string, Operation> = new Map(
  [...USER_OPERATIONS].map((op) => [op.name, op]),
);
