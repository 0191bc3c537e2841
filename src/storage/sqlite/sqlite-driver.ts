import Database from 'better-sqlite3';
import { DuplicateError } from '../store.js';
import { AsyncMutex } from '../sql/async-mutex.js';
import type { Dialect, SqlDriver, SqlValue } from '../sql/driver.js';
import { TransactionScope } from '../sql/transaction-scope.js';

const UNIQUE_CODES = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);
const STATEMENT_CACHE_LIMIT = 500;

/** How long a statement or transaction waits for another connection's write lock before failing. */
const BUSY_WAIT_MS = 5000;
/** The first pause after SQLITE_BUSY; each next one doubles, up to BUSY_PAUSE_MAX_MS. */
const BUSY_PAUSE_MS = 1;
const BUSY_PAUSE_MAX_MS = 50;

/** BEGIN IMMEDIATE found the write lock taken: nothing of the transaction has run yet. */
class BeginBusy extends Error {
  constructor(readonly busy: unknown) {
    super('database is locked');
  }
}

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
      // Another connection holding the write lock (the audit thread's, a CLI command's) is waited
      // for, but never by sleeping inside SQLite: its busy handler would block this thread's event
      // loop (every request in flight) for up to the whole wait. SQLITE_BUSY comes back at once
      // and the wait happens on a timer (waitingOutBusy), other requests served meanwhile.
      db.pragma('busy_timeout = 0');
    } catch (error) {
      db.close();
      throw error;
    }
    return new SqliteDriver(db);
  }

  query<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.statement(() => this.all<T>(sql, params));
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.statement(() => this.change(sql, params));
  }

  /**
   * One statement outside a transaction. With the queue idle (no transaction open, nobody
   * waiting) it runs at once — queueing it would only add an async function and its promises,
   * about half of a point lookup's cost; otherwise it waits its turn. SQLITE_BUSY either way
   * goes to waitingOutBusy.
   */
  private statement<R>(execute: () => R): Promise<R> {
    if (this.queue.idle) {
      try {
        return Promise.resolve(execute());
      } catch (error) {
        if (!isBusy(error)) return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    return this.waitingOutBusy(() => this.queue.run(execute));
  }

  transaction<T>(fn: (tx: SqlDriver) => Promise<T>): Promise<T> {
    return this.waitingOutBusy(() =>
      this.queue.run(async () => {
        // IMMEDIATE takes the write lock now, so a second connection cannot make this
        // transaction fail half-way with SQLITE_BUSY when it first writes; if the lock is taken,
        // nothing has run yet and the whole transaction is tried again later.
        try {
          this.exec('BEGIN IMMEDIATE');
        } catch (error) {
          throw isBusy(error) ? new BeginBusy(error) : error;
        }
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
      }),
    );
  }

  /**
   * Runs `attempt` (one statement, or a transaction up to its BEGIN) again while another
   * connection holds the lock, pausing on a timer between tries (1 ms, doubling, at most 50 ms)
   * and outside the queue, so this connection's other work goes on; after BUSY_WAIT_MS the
   * SQLITE_BUSY error stands. The common case costs one `.catch` and nothing else.
   */
  private waitingOutBusy<T>(attempt: () => Promise<T>, deadline?: number, pause = BUSY_PAUSE_MS): Promise<T> {
    return attempt().catch((error: unknown) => {
      const busy = error instanceof BeginBusy ? error.busy : error;
      if (!isBusy(busy)) throw error;
      const until = deadline ?? Date.now() + BUSY_WAIT_MS;
      if (Date.now() >= until) throw busy;
      return new Promise<void>((resolve) => setTimeout(resolve, pause)).then(() =>
        this.waitingOutBusy(attempt, until, Math.min(pause * 2, BUSY_PAUSE_MAX_MS)),
      );
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

/** SQLITE_BUSY and its extended codes (SQLITE_BUSY_SNAPSHOT, …): another connection has the lock. */
function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

function mapError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && UNIQUE_CODES.has(code)) {
    return new DuplicateError(`row (${(error as Error).message})`);
  }
  return error;
}
