import type { Operation } from '../../operation.js';
import { addRoleToInstanceProfile } from './add-role-to-instance-profile.js';
import { createInstanceProfile } from './create-instance-profile.js';
import { deleteInstanceProfile } from './delete-instance-profile.js';
import { getInstanceProfile } from './get-instance-profile.js';
import { listInstanceProfileTags } from './list-instance-profile-tags.js';
import { listInstanceProfiles } from './list-instance-profiles.js';
import { listInstanceProfilesForRole } from './list-instance-profiles-for-role.js';
import { removeRoleFromInstanceProfile } from './remove-role-from-instance-profile.js';
import { tagInstanceProfile } from './tag-instance-profile.js';
import { untagInstanceProfile } from './untag-instance-profile.js';

/** Instance profiles: IAM records (instance-profile-record.ts) holding at most one role. */
export const INSTANCE_PROFILE_OPERATIONS: readonly Operation[] = [
  createInstanceProfile,
  getInstanceProfile,
  listInstanceProfiles,
  listInstanceProfilesForRole,
  deleteInstanceProfile,
  addRoleToInstanceProfile,
  removeRoleFromInstanceProfile,
  tagInstanceProfile,
  untagInstanceProfile,
  listInstanceProfileTags,
];
