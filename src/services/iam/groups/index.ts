import type { Operation } from '../../operation.js';
import { addUserToGroup } from './add-user-to-group.js';
import { createGroup } from './create-group.js';
import { deleteGroup } from './delete-group.js';
import { getGroup } from './get-group.js';
import { listGroupsForUser } from './list-groups-for-user.js';
import { listGroups } from './list-groups.js';
import { removeUserFromGroup } from './remove-user-from-group.js';
import { updateGroup } from './update-group.js';

export const GROUP_OPERATIONS: readonly Operation[] = [
  createGroup,
  getGroup,
  listGroups,
  updateGroup,
  deleteGroup,
  addUserToGroup,
  removeUserFromGroup,
  listGroupsForUser,
];
