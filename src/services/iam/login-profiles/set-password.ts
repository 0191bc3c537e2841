import { AwsError } from '../../../errors/aws-error.js';
import type { Random } from '../../../kernel/random.js';
import type { Store } from '../../../storage/store.js';
import type { LoginProfileValue } from './login-profile-record.js';
import { hashPassword, verifyPassword } from './password-hash.js';
import { accountPasswordPolicy } from './password-policy-record.js';
import { passwordViolation, VIOLATION } from './password-rules.js';

/** The most previous passwords a profile remembers: PasswordReusePrevention's maximum. */
const HISTORY = 24;

/**
 * The profile after a new password is set (CreateLoginProfile, UpdateLoginProfile, ChangePassword):
 * the account's policy is enforced on every set, including reuse prevention against the current
 * password and the ones before it, and only the new hash is kept (plus the history's hashes).
 */
export async function withNewPassword(
  store: Store,
  random: Random,
  accountId: string,
  password: string,
  profile: { previous: LoginProfileValue | undefined; userName: string; resetRequired: boolean; now: number },
): Promise<LoginProfileValue> {
  const policy = await accountPasswordPolicy(store, accountId);
  const violation = passwordViolation(password, policy);
  if (violation !== undefined) throw new AwsError('PasswordPolicyViolation', violation);
  const previous = profile.previous;
  const history = previous === undefined ? [] : [previous.passwordHash, ...(previous.previousHashes ?? [])].slice(0, HISTORY);
  const reuse = policy?.passwordReusePrevention;
  if (reuse !== undefined) {
    const matches = await Promise.all(history.slice(0, reuse).map((hash) => verifyPassword(password, hash)));
    if (matches.includes(true)) throw new AwsError('PasswordPolicyViolation', VIOLATION.reused(reuse));
  }
  const value: LoginProfileValue = {
    userName: profile.userName,
    passwordHash: await hashPassword(password, random),
    passwordResetRequired: profile.resetRequired,
    passwordLastChanged: profile.now,
  };
  if (previous?.passwordLastUsed !== undefined) value.passwordLastUsed = previous.passwordLastUsed;
  if (history.length > 0) value.previousHashes = history;
  return value;
}
