import type { Operation } from '../../operation.js';
import { inlinePolicyOperations } from './inline-policy-operations.js';
import { GROUP_OWNER, ROLE_OWNER, USER_OWNER } from './policy-owners.js';

/** Put/Get/List/Delete{User,Group,Role}Policy. */
export const INLINE_POLICY_OPERATIONS: readonly Operation[] = [
  ...inlinePolicyOperations(USER_OWNER),
  ...inlinePolicyOperations(GROUP_OWNER),
  ...inlinePolicyOperations(ROLE_OWNER),
];
