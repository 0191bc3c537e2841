import type { Operation } from '../../operation.js';
import { createUser } from './create-user.js';
import { deleteUserPermissionsBoundary } from './delete-user-permissions-boundary.js';
import { deleteUser } from './delete-user.js';
import { getUser } from './get-user.js';
import { listUserTags } from './list-user-tags.js';
import { listUsers } from './list-users.js';
import { putUserPermissionsBoundary } from './put-user-permissions-boundary.js';
import { tagUser } from './tag-user.js';
import { untagUser } from './untag-user.js';
import { updateUser } from './update-user.js';

export const USER_OPERATIONS: readonly Operation[] = [
  createUser,
  getUser,
  listUsers,
  updateUser,
  deleteUser,
  tagUser,
  untagUser,
  listUserTags,
  putUserPermissionsBoundary,
  deleteUserPermissionsBoundary,
];
