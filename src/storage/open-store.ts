import { openMemoryStore } from './memory/open-memory-store.js';
import { openPostgresStore } from './postgres/open-postgres-store.js';
import { openSqliteStore } from './sqlite/open-sqlite-store.js';
import type { Store } from './store.js';

export interface OpenStoreOptions {
  /** `postgres://…` or `postgresql://…` selects PostgreSQL; unset selects SQLite in dataDir. */
  databaseUrl?: string;
  dataDir: string;
  /** A throw-away in-memory database (tests, demos); wins over the other options. */
  memory?: boolean;
}

/** Picks and opens the backend; the schema is migrated before the store is returned. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  if (options.memory) return openMemoryStore();
  const url = options.databaseUrl?.trim();
  if (url) {
    if (/^postgres(ql)?:\/\//i.test(url)) return openPostgresStore(url);
    // Only the scheme: the rest of a URL may carry a password.
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1] ?? '(none)';
    throw new Error(`unsupported database URL scheme '${scheme}': use postgres:// or postgresql://, or leave it unset for SQLite`);
  }
  return openSqliteStore(options.dataDir);
}
