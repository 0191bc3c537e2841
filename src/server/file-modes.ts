import { chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../kernel/logger.js';

/**
 * Owner-only files. Everything keysmith writes in its data folder is a secret or leads to one
 * (sealed keys, tokens, credentials, audit events naming users and keys, object data), so files
 * are 0600 and folders 0700, whatever the folder looked like before.
 *
 * Two layers, on purpose:
 * - every place that creates a file or folder passes the mode, and SQLite's database file is
 *   created empty at 0600 before SQLite opens it (SQLite gives its -wal and -shm files the
 *   database file's mode, and creates them lazily, at any later open);
 * - `keysmith serve` also sets the process umask to 077 (`restrictUmask`), which the audit worker
 *   thread and `--workers` processes share or inherit: anything created through a path that
 *   forgot its mode, or by a library, is still owner-only. A umask alone would not do: the
 *   server also runs in-process (tests, embedders) where changing the umask is not its call.
 */
export function restrictUmask(): void {
  process.umask(0o077);
}

/** Files keysmith owns in the data folder, tightened to 0600 at start if an older version or a person loosened them. */
const OWNED_FILES = ['keysmith.db', 'keysmith.db-wal', 'keysmith.db-shm', 'at-rest.key', 'admin-token', 'credentials', 'audit.jsonl'];

/**
 * Existing data folder with looser modes: keysmith's own files are made 0600 (with a warning
 * naming each), the folder itself only gets a warning: it may be a folder the operator made and
 * manages (a mount point, a shared parent), and its mode reveals file names, not contents.
 */
export function tightenDataFolder(dataDir: string, logger: Logger): void {
  const folderMode = statSync(dataDir).mode & 0o777;
  if (folderMode & 0o077) {
    logger.warn('the data folder is open to other users; keysmith keeps its files owner-only, but consider `chmod 700` on it', {
      dataDir,
      mode: octal(folderMode),
    });
  }
  for (const name of OWNED_FILES) {
    const path = join(dataDir, name);
    const mode = modeOf(path);
    if (mode === undefined || (mode & 0o077) === 0) continue;
    chmodSync(path, 0o600);
    logger.warn('made a keysmith file owner-only (mode 0600)', { path, was: octal(mode) });
  }
}

function modeOf(path: string): number | undefined {
  try {
    const info = statSync(path);
    return info.isFile() ? info.mode & 0o777 : undefined;
  } catch {
    return undefined;
  }
}

const octal = (mode: number) => `0${mode.toString(8).padStart(3, '0')}`;
