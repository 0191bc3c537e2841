import type { Operation } from '../../operation.js';
import { createUser } from './create-user.js';
import { getUser } from './get-user.js';
import { listUsers } from './list-users.js';

export const USER_OPERATIONS: readonly Operation[] = [createUser, getUser, listUsers];
