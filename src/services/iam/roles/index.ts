import type { Operation } from '../../operation.js';
import { createRole } from './create-role.js';
import { deleteRole } from './delete-role.js';
import { deleteRolePermissionsBoundary } from './delete-role-permissions-boundary.js';
import { getRole } from './get-role.js';
import { listRoleTags } from './list-role-tags.js';
import { listRoles } from './list-roles.js';
import { putRolePermissionsBoundary } from './put-role-permissions-boundary.js';
import { tagRole } from './tag-role.js';
import { untagRole } from './untag-role.js';
import { updateAssumeRolePolicy } from './update-assume-role-policy.js';
import { updateRole } from './update-role.js';
import { updateRoleDescription } from './update-role-description.js';

export const ROLE_OPERATIONS: readonly Operation[] = [
  createRole,
  getRole,
  listRoles,
  updateRole,
  updateRoleDescription,
  updateAssumeRolePolicy,
  deleteRole,
  putRolePermissionsBoundary,
  deleteRolePermissionsBoundary,
  tagRole,
  untagRole,
  listRoleTags,
];
