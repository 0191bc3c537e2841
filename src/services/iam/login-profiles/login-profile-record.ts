import { RECORD_KINDS } from '../../../model/record-kinds.js';
import { recordKind } from '../shared/records.js';

/**
 * A user's console password (a login profile), as stored: record name and `ownerId` are the
 * user's unique id (AIDA…), so a rename keeps it. Never the password itself: `passwordHash` is a
 * memory-hard KDF's output with its parameters. Times are epoch ms. The credential report
 * (reports/) reads `createDate`, `passwordLastChanged` and `passwordLastUsed` from here.
 */
export interface LoginProfileValue {
  /** The user's name when the profile was last written (for messages only; look users up by id). */
  userName: string;
  passwordHash: string;
  passwordResetRequired: boolean;
  /** When the password was last set (CreateLoginProfile, UpdateLoginProfile with a password, ChangePassword). */
  passwordLastChanged: number;
  /** When the password last signed in (the console), if ever. */
  passwordLastUsed?: number;
  /**
   * Hashes of the passwords this one replaced, newest first, at most 24 (the largest
   * PasswordReusePrevention): what reuse prevention compares a new password with.
   */
  previousHashes?: string[];
}

export const loginProfiles = recordKind<LoginProfileValue>(RECORD_KINDS.loginProfile);
