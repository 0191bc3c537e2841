import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * `mkdir -p` with mode 0700 for every folder it creates; an existing folder is left as it is.
 * Not `mkdirSync(…, { recursive: true })`: for a path whose parent exists but cannot hold
 * folders (`/proc/x`), Node's recursive mkdir retries forever at full CPU instead of failing.
 * (Here because the SQLite backend makes its folder; the server's data folder check uses it too.)
 */
export function makePrivateDirs(dir: string): void {
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' && statSync(dir).isDirectory()) return;
    const parent = dirname(dir);
    if (code !== 'ENOENT' || parent === dir) throw error;
    makePrivateDirs(parent);
    // A second ENOENT, now that the parent exists, is final: no retry loop.
    mkdirSync(dir, { mode: 0o700 });
  }
}
