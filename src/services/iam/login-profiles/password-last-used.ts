import type { Store } from '../../../storage/store.js';
import { loginProfiles } from './login-profile-record.js';

/** GetUser's PasswordLastUsed: when the user's console password last signed in, if ever. */
export async function passwordLastUsed(store: Store, accountId: string, userId: string): Promise<number | undefined> {
  return (await loginProfiles.get(store, accountId, userId))?.value.passwordLastUsed;
}

/**
 * ListUsers' PasswordLastUsed for every user of the account, by user id: one pass over the
 * account's login profiles (at most one per user) rather than one read per listed user.
 */
export async function passwordLastUsedByUser(store: Store, accountId: string): Promise<Map<string, number>> {
  const byUser = new Map<string, number>();
  let after: string | undefined;
  do {
    const page = await loginProfiles.list(store, accountId, { limit: 1000, after });
    for (const record of page.items) {
      if (record.value.passwordLastUsed !== undefined) byUser.set(record.name, record.value.passwordLastUsed);
    }
    after = page.nextMarker;
  } while (after !== undefined);
  return byUser;
}
