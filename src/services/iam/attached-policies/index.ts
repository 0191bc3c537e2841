import type { Operation } from '../../operation.js';
import { GROUP_OWNER, ROLE_OWNER, USER_OWNER } from '../inline-policies/policy-owners.js';
import { attachedPolicyOperations } from './attached-policy-operations.js';

/** Attach/Detach/ListAttached{User,Group,Role}Policies. */
export const ATTACHED_POLICY_OPERATIONS: readonly Operation[] = [
  ...attachedPolicyOperations(USER_OWNER),
  ...attachedPolicyOperations(GROUP_OWNER),
  ...attachedPolicyOperations(ROLE_OWNER),
];
