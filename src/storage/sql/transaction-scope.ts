import { AsyncMutex } from './async-mutex.js';
import type { Dialect, SqlDriver, SqlValue } from './driver.js';
import { isInsideTransactionOf, reentryError, runInsideTransactionOf } from './reentry.js';

/** Runs statements on the one connection that holds an open transaction. */
export interface TransactionConnection {
  query<T>(sql: string, params: readonly SqlValue[]): Promise<T[]>;
  run(sql: string, params: readonly SqlValue[]): Promise<number>;
}

/**
 * The driver handed to a transaction's callback, shared by both backends. Nested `transaction`
 * calls become savepoints; they are queued so two of them never interleave on the connection
 * (savepoints form a stack). The handle refuses to work once its transaction has ended, so a
 * handle that escaped its callback cannot write outside any transaction.
 */
export class TransactionScope implements SqlDriver {
  readonly inTransaction = true;
  private readonly savepoints = new AsyncMutex();
  private finished = false;

  constructor(
    readonly dialect: Dialect,
    private readonly connection: TransactionConnection,
    private readonly depth = 0,
  ) {}

  async query<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    this.assertOpen();
    return this.connection.query<T>(sql, params);
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    this.assertOpen();
    return this.connection.run(sql, params);
  }

  async transaction<T>(fn: (tx: SqlDriver) => Promise<T>): Promise<T> {
    this.assertOpen();
    if (isInsideTransactionOf(this)) throw reentryError();
    return this.savepoints.run(async () => {
      this.assertOpen();
      const name = `keysmith_sp_${this.depth}`;
      await this.connection.run(`SAVEPOINT ${name}`, []);
      const inner = new TransactionScope(this.dialect, this.connection, this.depth + 1);
      try {
        const result = await runInsideTransactionOf(this, () => fn(inner));
        await this.connection.run(`RELEASE SAVEPOINT ${name}`, []);
        return result;
      } catch (error) {
        await this.connection.run(`ROLLBACK TO SAVEPOINT ${name}`, []);
        await this.connection.run(`RELEASE SAVEPOINT ${name}`, []);
        throw error;
      } finally {
        inner.finish();
      }
    });
  }

  async close(): Promise<void> {
    throw new Error('close() called on a transaction handle');
  }

  /** Called by the driver when the transaction commits or rolls back. */
  finish(): void {
    this.finished = true;
  }

  private assertOpen(): void {
    if (this.finished) throw new Error('transaction handle used after its transaction ended');
  }
}
