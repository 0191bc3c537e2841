import { join } from 'node:path';
import { openMemoryStore } from './memory/open-memory-store.js';
import { openSqliteStore, SQLITE_FILE_NAME } from './sqlite/open-sqlite-store.js';
import type { Store } from './store.js';

export interface OpenStoreOptions {
  /** `postgres://…` or `postgresql://…` selects PostgreSQL; unset selects SQLite in dataDir. */
  databaseUrl?: string;
  dataDir: string;
  /** A throw-away in-memory database (tests, demos); wins over the other options. */
  memory?: boolean;
  /** How long PostgreSQL may take to answer the first time (default 10 s). */
  connectTimeoutMs?: number;
}

/**
 * A database that cannot be reached is reported as such after this long. Without a limit a host
 * that drops packets holds the start for the operating system's TCP timeout (minutes), with
 * nothing said; a database that answers at all does so well within it.
 */
const CONNECT_TIMEOUT_MS = 10_000;

const URL_SETTING = 'KEYSMITH_DATABASE_URL / --database-url';

/**
 * Picks and opens the backend; the schema is migrated before the store is returned. A failure
 * says which setting points at the database and what to check, never the URL's password.
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  if (options.memory) return openMemoryStore();
  const url = options.databaseUrl?.trim();
  if (url) {
    if (/^postgres(ql)?:\/\//i.test(url)) return openPostgres(url, options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS);
    // Only the scheme: the rest of a URL may carry a password.
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1] ?? '(none)';
    throw new Error(
      `unsupported database URL scheme '${scheme}' in ${URL_SETTING}: use postgres:// or postgresql://, or leave it unset for SQLite`,
    );
  }
  try {
    return await openSqliteStore(options.dataDir);
  } catch (error) {
    throw new Error(
      `cannot open the SQLite database ${join(options.dataDir, SQLITE_FILE_NAME)} (in KEYSMITH_DATA_DIR / --data-dir): ${reasonOf(error)}`,
      { cause: error },
    );
  }
}

async function openPostgres(url: string, timeoutMs: number): Promise<Store> {
  // Loaded on demand: the PostgreSQL client costs a noticeable part of start-up time
  // (and of the audit worker's) to every SQLite user otherwise.
  const { openPostgresStore } = await import('./postgres/open-postgres-store.js');
  const opening = openPostgresStore(url);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
    timer.unref();
  });
  try {
    const first = await Promise.race([opening, timedOut]);
    if (first !== 'timeout') return first;
    // Whatever the late connection does, it must not leave a pool open.
    opening
      .then(
        (store) => store.close(),
        () => undefined,
      )
      .catch(() => undefined);
    throw new Error(`no answer within ${timeoutMs / 1000} s`);
  } catch (error) {
    throw new Error(
      `cannot use the database at ${redactedUrl(url)} (${URL_SETTING}): ${reasonOf(error)}; check that PostgreSQL runs there and that the URL's host, port, user, password and database are right`,
      { cause: error },
    );
  } finally {
    clearTimeout(timer);
  }
}

/** The URL without its password (and without query parameters, which may carry one too). */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const user = parsed.username ? `${parsed.username}@` : '';
    return `${parsed.protocol}//${user}${parsed.host}${parsed.pathname}`;
  } catch {
    return `${/^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0] ?? ''}//(unparsable URL)`;
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return reasonOf(error.errors[0]);
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return error.message || (typeof code === 'string' ? code : error.name);
}
