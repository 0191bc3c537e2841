import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which transactions the current async call chain is running inside. Calling back into the
 * owner of an open transaction from its own body would wait for that very transaction to end
 * (a deadlock neither database can see), so the owners check this and throw instead.
 */
const openOwners = new AsyncLocalStorage<ReadonlySet<object>>();

export function isInsideTransactionOf(owner: object): boolean {
  return openOwners.getStore()?.has(owner) ?? false;
}

export function runInsideTransactionOf<T>(owner: object, fn: () => Promise<T>): Promise<T> {
  const current = openOwners.getStore();
  return openOwners.run(new Set(current ? [...current, owner] : [owner]), fn);
}

export function reentryError(): Error {
  return new Error('store used from inside its own transaction: use the transaction handle passed to fn');
}
