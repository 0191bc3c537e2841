import type { Store } from '../store.js';
import { SqlStore } from '../sql/sql-store.js';
import { SqliteDriver } from '../sqlite/sqlite-driver.js';

/**
 * The memory backend is the SQLite driver on `:memory:`: the very same SQL and rules as the
 * durable backends, with nothing written to disk. Each call gives a new, empty database, gone on close.
 */
export async function openMemoryStore(): Promise<Store> {
  return SqlStore.open(SqliteDriver.open(':memory:'));
}
