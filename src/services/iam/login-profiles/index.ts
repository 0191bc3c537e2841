import type { Operation } from '../../operation.js';
import { changePassword } from './change-password.js';
import { createLoginProfile } from './create-login-profile.js';
import { deleteAccountPasswordPolicy } from './delete-account-password-policy.js';
import { deleteLoginProfile } from './delete-login-profile.js';
import { getAccountPasswordPolicy } from './get-account-password-policy.js';
import { getLoginProfile } from './get-login-profile.js';
import { updateAccountPasswordPolicy } from './update-account-password-policy.js';
import { updateLoginProfile } from './update-login-profile.js';

export { verifyConsolePassword, type ConsolePasswordResult } from './console-password.js';

/** Console passwords: login profiles, ChangePassword and the account password policy. */
export const LOGIN_PROFILE_OPERATIONS: readonly Operation[] = [
  createLoginProfile,
  getLoginProfile,
  updateLoginProfile,
  deleteLoginProfile,
  changePassword,
  updateAccountPasswordPolicy,
  getAccountPasswordPolicy,
  deleteAccountPasswordPolicy,
];
