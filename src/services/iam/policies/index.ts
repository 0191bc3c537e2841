import type { Operation } from '../../operation.js';
import { createPolicy } from './create-policy.js';
import { createPolicyVersion } from './create-policy-version.js';
import { deletePolicy } from './delete-policy.js';
import { deletePolicyVersion } from './delete-policy-version.js';
import { getPolicy } from './get-policy.js';
import { getPolicyVersion } from './get-policy-version.js';
import { listEntitiesForPolicy } from './list-entities-for-policy.js';
import { listPolicies } from './list-policies.js';
import { listPolicyTags } from './list-policy-tags.js';
import { listPolicyVersions } from './list-policy-versions.js';
import { setDefaultPolicyVersion } from './set-default-policy-version.js';
import { tagPolicy } from './tag-policy.js';
import { untagPolicy } from './untag-policy.js';

export const POLICY_OPERATIONS: readonly Operation[] = [
  createPolicy,
  getPolicy,
  deletePolicy,
  listPolicies,
  createPolicyVersion,
  getPolicyVersion,
  listPolicyVersions,
  deletePolicyVersion,
  setDefaultPolicyVersion,
  tagPolicy,
  untagPolicy,
  listPolicyTags,
  listEntitiesForPolicy,
];
