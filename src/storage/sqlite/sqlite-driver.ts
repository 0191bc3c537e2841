import Database from 'better-sqlite3';
import { DuplicateError } from '../store.js';
import { AsyncMutex } from '../sql/async-mutex.js';
import type { Dialect, SqlDriver, SqlValue } from '../sql/driver.js';
import { TransactionScope } from '../sql/transaction-scope.js';

const UNIQUE_CODES = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);
const STATEMENT_CACHE_LIMIT = 500;

/**
 * SQLite through better-sqlite3, one connection. better-sqlite3 is synchronous, so a transaction
 * that awaits between statements would let any other caller's statement land inside it. Every
 * top-level statement and every transaction therefore passes through one FIFO queue: transactions
 * run one at a time and nobody reads another's uncommitted writes. (SQLite allows one writer
 * anyway; reads are microseconds, so the queue costs little.) Statements inside a transaction go
 * straight to the connection: the transaction already holds the queue.
 */
export class SqliteDriver implements SqlDriver {
  readonly dialect: Dialect = { name: 'sqlite', binaryText: 'TEXT' };
  readonly inTransaction = false;
  private readonly queue = new AsyncMutex();
  private readonly statements = new Map<string, Database.Statement>();

  private constructor(private readonly db: Database.Database) {}

  /** `filename` is a path or `:memory:`. */
  static open(filename: string): SqliteDriver {
    const db = new Database(filename);
    try {
      // WAL: readers from other processes (backup, CLI) do not block the server's writes.
      if (filename !== ':memory:') db.pragma('journal_mode = WAL');
      // NORMAL with WAL is durable against process crashes; a power cut may lose the last commits.
      db.pragma('synchronous = NORMAL');
      // Another process holding the write lock (e.g. a CLI command) is waited for, not an error.
      db.pragma('busy_timeout = 5000');
    } catch (error) {
      db.close();
      throw error;
    }
    return new SqliteDriver(db);
  }

  query<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.queue.run(() => this.all<T>(sql, params));
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.queue.run(() => this.change(sql, params));
  }

  transaction<T>(fn: (tx: SqlDriver) => Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      // IMMEDIATE takes the write lock now, so a second process cannot make this transaction
      // fail half-way with SQLITE_BUSY when it first writes.
      this.exec('BEGIN IMMEDIATE');
      const scope = new TransactionScope(this.dialect, {
        query: async <R>(sql: string, params: readonly SqlValue[]) => this.all<R>(sql, params),
        run: async (sql: string, params: readonly SqlValue[]) => this.change(sql, params),
      });
      try {
        const result = await fn(scope);
        this.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.exec('ROLLBACK');
        throw error;
      } finally {
        scope.finish();
      }
    });
  }

  /** Waits for queued work, then closes the connection. */
  close(): Promise<void> {
    return this.queue.run(() => {
      if (this.db.open) this.db.close();
      this.statements.clear();
    });
  }

  private all<T>(sql: string, params: readonly SqlValue[]): T[] {
    try {
      return this.prepare(sql).all(params) as T[];
    } catch (error) {
      throw mapError(error);
    }
  }

  private change(sql: string, params: readonly SqlValue[]): number {
    try {
      return this.prepare(sql).run(params).changes;
    } catch (error) {
      throw mapError(error);
    }
  }

  private exec(sql: string): void {
    this.db.exec(sql);
  }

  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      // The SQL comes from a fixed set of templates; the limit only guards against a leak.
      if (this.statements.size >= STATEMENT_CACHE_LIMIT) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

function mapError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && UNIQUE_CODES.has(code)) {
    return new DuplicateError(`row (${(error as Error).message})`);
  }
  return error;
}
