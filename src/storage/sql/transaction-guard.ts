import type { SqlDriver, SqlValue } from './driver.js';
import { isInsideTransactionOf, reentryError, runInsideTransactionOf } from './reentry.js';

/**
 * Wraps a store's top-level driver so that using it from inside one of its own transactions fails
 * loudly instead of hanging: the call would wait for the transaction to end (SQLite: the same
 * queue; PostgreSQL: the transaction lock or a row the transaction holds) while the transaction
 * waits for the call. Inside `transaction(fn)`, use the `tx` handle.
 */
export function guardAgainstReentry(driver: SqlDriver): SqlDriver {
  const guard: SqlDriver = {
    dialect: driver.dialect,
    inTransaction: false,
    async query<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
      if (isInsideTransactionOf(guard)) throw reentryError();
      return driver.query<T>(sql, params);
    },
    async run(sql: string, params?: readonly SqlValue[]): Promise<number> {
      if (isInsideTransactionOf(guard)) throw reentryError();
      return driver.run(sql, params);
    },
    async transaction<T>(fn: (tx: SqlDriver) => Promise<T>): Promise<T> {
      if (isInsideTransactionOf(guard)) throw reentryError();
      return driver.transaction((tx) => runInsideTransactionOf(guard, () => fn(tx)));
    },
    async close(): Promise<void> {
      if (isInsideTransactionOf(guard)) throw reentryError();
      return driver.close();
    },
  };
  return guard;
}
