import { AsyncLocalStorage } from 'node:async_hooks';
import type { SqlDriver, SqlValue } from './driver.js';

/**
 * Wraps a store's top-level driver so that using it from inside one of its own transactions fails
 * loudly instead of hanging. Such a call waits for the transaction to end (SQLite: the same queue;
 * PostgreSQL: the transaction lock, or a row the transaction holds) while the transaction waits for
 * the call: a deadlock neither database can see. Inside `transaction(fn)`, use the `tx` handle.
 */
export function guardAgainstReentry(driver: SqlDriver): SqlDriver {
  const inside = new AsyncLocalStorage<true>();
  const check = (): void => {
    if (inside.getStore()) {
      throw new Error('store used directly inside its own transaction: use the transaction handle passed to fn');
    }
  };
  return {
    dialect: driver.dialect,
    inTransaction: false,
    async query<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
      check();
      return driver.query<T>(sql, params);
    },
    async run(sql: string, params?: readonly SqlValue[]): Promise<number> {
      check();
      return driver.run(sql, params);
    },
    async transaction<T>(fn: (tx: SqlDriver) => Promise<T>): Promise<T> {
      check();
      return driver.transaction((tx) => inside.run(true, () => fn(tx)));
    },
    async close(): Promise<void> {
      check();
      return driver.close();
    },
  };
}
