import type { Operation } from '../../operation.js';
import { createAccessKey } from './create-access-key.js';
import { deleteAccessKey } from './delete-access-key.js';
import { getAccessKeyLastUsed } from './get-access-key-last-used.js';
import { listAccessKeys } from './list-access-keys.js';
import { updateAccessKey } from './update-access-key.js';

export const ACCESS_KEY_OPERATIONS: readonly Operation[] = [
  createAccessKey,
  listAccessKeys,
  updateAccessKey,
  deleteAccessKey,
  getAccessKeyLastUsed,
];
