import type { Operation } from '../operation.js';
import { USER_OPERATIONS } from './users/index.js';
import { ACCESS_KEY_OPERATIONS } from './access-keys/index.js';
import { GROUP_OPERATIONS } from './groups/index.js';
import { INLINE_POLICY_OPERATIONS } from './inline-policies/index.js';
import { ATTACHED_POLICY_OPERATIONS } from './attached-policies/index.js';
import { ACCOUNT_OPERATIONS } from './account/index.js';
import { ROLE_OPERATIONS } from './roles/index.js';
import { POLICY_OPERATIONS } from './policies/index.js';
import { AUTHORIZATION_DETAILS_OPERATIONS } from './authorization-details/index.js';
import { INSTANCE_PROFILE_OPERATIONS } from './instance-profiles/index.js';
import { MFA_OPERATIONS } from './mfa/index.js';
import { SIMULATE_OPERATIONS } from './simulate/index.js';

/** IAM operations by Action name; each area of the API contributes its own list. */
export const IAM_OPERATIONS: ReadonlyMap<string, Operation> = new Map(
  [
    ...USER_OPERATIONS,
    ...ACCESS_KEY_OPERATIONS,
    ...GROUP_OPERATIONS,
    ...INLINE_POLICY_OPERATIONS,
    ...ATTACHED_POLICY_OPERATIONS,
    ...ACCOUNT_OPERATIONS,
    ...ROLE_OPERATIONS,
    ...POLICY_OPERATIONS,
    ...AUTHORIZATION_DETAILS_OPERATIONS,
    ...INSTANCE_PROFILE_OPERATIONS,
    ...MFA_OPERATIONS,
    ...SIMULATE_OPERATIONS,
  ].map((op) => [op.name, op]),
);
