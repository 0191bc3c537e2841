import pg from 'pg';
import { DuplicateError } from '../store.js';
import type { Dialect, SqlDriver, SqlValue } from '../sql/driver.js';
import { TransactionScope } from '../sql/transaction-scope.js';
import { toPostgresPlaceholders } from './placeholders.js';

const UNIQUE_VIOLATION = '23505';

/**
 * Every keysmith transaction takes this transaction-scoped advisory lock first, so transactions
 * run one at a time across all nodes sharing the database, exactly as they do on SQLite (and the
 * schema migration, which is a transaction, runs once even when nodes start together).
 * Single statements outside a transaction do not take it; PostgreSQL makes each atomic, and reads
 * (the hot path: key lookup, policy gathering) never wait. The value spells "keys" in ASCII.
 */
const TRANSACTION_LOCK = 0x6b657973;

/**
 * PostgreSQL through a `pg` Pool. Nothing authoritative lives in this process: several nodes may
 * share the database. Transactions run on a dedicated pooled client with BEGIN … COMMIT/ROLLBACK.
 */
export class PostgresDriver implements SqlDriver {
  // COLLATE "C": compare and order by bytes whatever the database's locale, as SQLite does.
  readonly dialect: Dialect = { name: 'postgres', binaryText: 'TEXT COLLATE "C"' };
  readonly inTransaction = false;

  private constructor(private readonly pool: pg.Pool) {}

  static open(connectionString: string, options: { maxConnections?: number } = {}): PostgresDriver {
    const pool = new pg.Pool({ connectionString, max: options.maxConnections ?? 10 });
    // An idle client whose server connection drops emits 'error'; unhandled, it would crash the
    // process. The pool discards that client and the next query opens a fresh connection.
    pool.on('error', () => undefined);
    return new PostgresDriver(pool);
  }

  async query<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    try {
      return (await this.pool.query(toPostgresPlaceholders(sql), params as SqlValue[])).rows as T[];
    } catch (error) {
      throw mapError(error);
    }
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    try {
      return (await this.pool.query(toPostgresPlaceholders(sql), params as SqlValue[])).rowCount ?? 0;
    } catch (error) {
      throw mapError(error);
    }
  }

  async transaction<T>(fn: (tx: SqlDriver) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    const scope = new TransactionScope(this.dialect, {
      query: async <R>(sql: string, params: readonly SqlValue[]) => {
        try {
          return (await client.query(toPostgresPlaceholders(sql), params as SqlValue[])).rows as R[];
        } catch (error) {
          throw mapError(error);
        }
      },
      run: async (sql: string, params: readonly SqlValue[]) => {
        try {
          return (await client.query(toPostgresPlaceholders(sql), params as SqlValue[])).rowCount ?? 0;
        } catch (error) {
          throw mapError(error);
        }
      },
    });
    try {
      await client.query('BEGIN');
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
    try {
      await client.query(`SELECT pg_advisory_xact_lock(${TRANSACTION_LOCK})`);
      const result = await fn(scope);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        // The connection is unusable; destroy it rather than return it to the pool.
        broken = rollbackError as Error;
      }
      throw error;
    } finally {
      scope.finish();
      client.release(broken);
    }
  }

  /** Idempotent: pg's Pool throws if ended twice. */
  async close(): Promise<void> {
    if (this.pool.ended || this.pool.ending) return;
    await this.pool.end();
  }
}

function mapError(error: unknown): unknown {
  if ((error as { code?: unknown } | null)?.code === UNIQUE_VIOLATION) {
    const constraint = (error as { constraint?: string }).constraint;
    return new DuplicateError(`row (${constraint ?? 'unique constraint'})`);
  }
  return error;
}
