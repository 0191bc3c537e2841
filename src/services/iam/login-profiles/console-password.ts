import type { Store } from '../../../storage/store.js';
import { loginProfiles } from './login-profile-record.js';
import { verifyPassword } from './password-hash.js';
import { accountPasswordPolicy } from './password-policy-record.js';
import { passwordExpired } from './password-rules.js';

/**
 * What a console sign-in with a password comes to:
 * - `ok`: signed in (passwordLastUsed is now `now`);
 * - `reset-required`: right password, but the user must choose a new one first (an administrator
 *   asked for it, or the password expired under MaxPasswordAge without HardExpiry);
 * - `expired`: right password, expired under HardExpiry: only an administrator can reset it;
 * - `wrong`: no such user, no login profile, or another password (one answer, so that a sign-in
 *   page cannot tell which user names exist).
 */
export type ConsolePasswordResult = 'ok' | 'reset-required' | 'expired' | 'wrong';

/** For the web console (a later issue); the password is compared with the stored scrypt hash. */
export async function verifyConsolePassword(
  store: Store,
  accountId: string,
  userName: string,
  password: string,
  now: number,
): Promise<ConsolePasswordResult> {
  const user = await store.users.getByName(accountId, userName);
  const record = user && (await loginProfiles.get(store, accountId, user.userId));
  if (!record) {
    // Spend the same time as a real comparison, so timing does not reveal which names exist.
    await verifyPassword(password, DUMMY_HASH);
    return 'wrong';
  }
  if (!(await verifyPassword(password, record.value.passwordHash))) return 'wrong';
  const policy = await accountPasswordPolicy(store, accountId);
  if (passwordExpired(policy, record.value.passwordLastChanged, now)) return policy?.hardExpiry === true ? 'expired' : 'reset-required';
  if (record.value.passwordResetRequired) return 'reset-required';
  await loginProfiles.update(store, { ...record, value: { ...record.value, passwordLastUsed: now } });
  return 'ok';
}

/** A well-formed hash of no password anyone knows (the salt and key are fixed, not secret). */
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
