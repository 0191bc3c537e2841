import { RECORD_KINDS } from '../../../model/record-kinds.js';
import type { Store } from '../../../storage/store.js';
import { recordKind } from '../shared/records.js';

/**
 * Account aliases, as stored: one namespace across every account of this keysmith (records with
 * `accountId` ''), since an alias names the account on the console's sign-in page; `ownerId` is
 * the account that holds it. An account holds at most one.
 */
export type AccountAliasValue = Record<string, never>;

export const accountAliases = recordKind<AccountAliasValue>(RECORD_KINDS.accountAlias);

/** The one namespace of aliases (RECORD_KINDS' convention for cross-account names). */
export const ALIAS_NAMESPACE = '';

/** The account an alias names, for the console sign-in (a later issue); undefined when none does. */
export async function accountIdForAlias(store: Store, alias: string): Promise<string | undefined> {
  const record = await accountAliases.get(store, ALIAS_NAMESPACE, alias);
  // Names compare ignoring case in the store; aliases are lowercase only, so only an exact match counts.
  return record?.name === alias ? record.ownerId : undefined;
}

/** The account's alias records (at most one; a list, as ListAccountAliases answers). */
export async function aliasesOf(store: Store, accountId: string): Promise<string[]> {
  return (await accountAliases.listForOwner(store, accountId)).filter((r) => r.accountId === ALIAS_NAMESPACE).map((r) => r.name);
}
