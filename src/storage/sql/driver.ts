/**
 * The one seam between the shared SQL repositories and a database library. Every repository in
 * this folder is written once against this interface, so SQLite and PostgreSQL cannot drift.
 *
 * SQL handed to a driver uses `?` placeholders and a portable subset of SQL (TEXT, BIGINT,
 * `INSERT … ON CONFLICT … DO …`, `substr`, `COUNT(*)`); a driver translates only what it must
 * (PostgreSQL rewrites `?` to `$1…`). Unique-constraint violations surface as `DuplicateError`;
 * every other failure is thrown as the library's Error.
 */
export type SqlValue = string | number | null;

export interface Dialect {
  readonly name: 'sqlite' | 'postgres';
  /**
   * Column type for text that is compared and ordered byte by byte. PostgreSQL's default
   * collation follows the server locale (e.g. `a_b` vs `aB` ordering differs by locale), which
   * would make list order and pagination markers differ between backends.
   */
  readonly binaryText: string;
}

export interface SqlDriver {
  readonly dialect: Dialect;
  /** True for the driver handed to a `transaction` callback. */
  readonly inTransaction: boolean;
  /** Rows of a SELECT; column names are the lower-case snake_case names used in the SQL. */
  query<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs a write; resolves to the number of rows changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /**
   * Runs fn atomically on a driver bound to one transaction: a throw rolls everything back.
   * Called on a transaction's driver it nests as a savepoint (a throw undoes only the inner part).
   * Transactions never interleave with one another (see docs/storage.md).
   */
  transaction<T>(fn: (tx: SqlDriver) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
