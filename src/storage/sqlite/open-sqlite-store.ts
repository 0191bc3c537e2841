import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../store.js';
import { SqlStore } from '../sql/sql-store.js';
import { SqliteDriver } from './sqlite-driver.js';

export const SQLITE_FILE_NAME = 'keysmith.db';

/** The embedded default: `keysmith.db` in the data folder (created owner-only: it holds sealed secrets). */
export async function openSqliteStore(dataDir: string): Promise<Store> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  return SqlStore.open(SqliteDriver.open(join(dataDir, SQLITE_FILE_NAME)));
}
