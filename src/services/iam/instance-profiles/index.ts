import type { Operation } from '../../operation.js';
import { getInstanceProfile } from './get-instance-profile.js';
import { listInstanceProfiles } from './list-instance-profiles.js';
import { listInstanceProfilesForRole } from './list-instance-profiles-for-role.js';

/**
 * Read-only instance-profile operations. keysmith does not create instance profiles; these answer
 * the questions clients ask anyway (Terraform lists a role's profiles before deleting it).
 */
export const INSTANCE_PROFILE_OPERATIONS: readonly Operation[] = [listInstanceProfilesForRole, listInstanceProfiles, getInstanceProfile];
