import { chmodSync, closeSync, openSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../store.js';
import { SqlStore } from '../sql/sql-store.js';
import { AUDIT_BODIES_DIR, AuditBodySegments } from './audit-body-segments.js';
import { makePrivateDirs } from './private-dirs.js';
import { SqliteDriver } from './sqlite-driver.js';

export const SQLITE_FILE_NAME = 'keysmith.db';

/**
 * The embedded default: `keysmith.db` in the data folder (created 0700), owner-only: it holds
 * sealed secrets. Audit event bodies go to `audit-bodies/` beside it: the two together are the store.
 */
export async function openSqliteStore(dataDir: string): Promise<Store> {
  makePrivateDirs(dataDir);
  const path = join(dataDir, SQLITE_FILE_NAME);
  createPrivately(path);
  return SqlStore.open(SqliteDriver.open(path), new AuditBodySegments(join(dataDir, AUDIT_BODIES_DIR)));
}

/**
 * SQLite creates a new database file 0644 (less the umask) and gives its -wal and -shm files the
 * database file's mode, whenever it (re)creates them. An empty 0600 file made first is a valid
 * new database, so all three come out owner-only; existing ones that are looser are tightened.
 */
function createPrivately(path: string): void {
  closeSync(openSync(path, 'a', 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    try {
      if (statSync(file).mode & 0o077) chmodSync(file, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}
