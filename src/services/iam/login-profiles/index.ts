import type { Operation } from '../../operation.js';

/** Console passwords: login profiles, ChangePassword and the account password policy. */
export const LOGIN_PROFILE_OPERATIONS: readonly Operation[] = [];
