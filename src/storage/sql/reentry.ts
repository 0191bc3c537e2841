import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which transactions the current async call chain is running inside. Calling back into the
 * owner of an open transaction from its own body would wait for that very transaction to end
 * (a deadlock neither database can see), so the owners check this and throw instead.
 *
 * On Node 20 an enabled AsyncLocalStorage installs promise hooks that run for every promise of
 * the process — about 15 µs of an AssumeRole's 80 µs in-process, though requests that only read
 * never open a transaction. So the storage is enabled only while a transaction is open: the last
 * one to end disables it again, which removes the hooks (no other AsyncLocalStorage is in use).
 * Outside every transaction `getStore()` is undefined either way, so nothing changes for a check.
 */
const openOwners = new AsyncLocalStorage<ReadonlySet<object>>();
let open = 0;

export function isInsideTransactionOf(owner: object): boolean {
  return openOwners.getStore()?.has(owner) ?? false;
}

export async function runInsideTransactionOf<T>(owner: object, fn: () => Promise<T>): Promise<T> {
  const current = open > 0 ? openOwners.getStore() : undefined;
  open += 1;
  try {
    return await openOwners.run(new Set(current ? [...current, owner] : [owner]), fn);
  } finally {
    open -= 1;
    if (open === 0) openOwners.disable();
  }
}

export function reentryError(): Error {
  return new Error('store used from inside its own transaction: use the transaction handle passed to fn');
}
