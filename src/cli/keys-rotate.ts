import { CacheGeneration } from '../server/cache-generation.js';
import { createLogger } from '../platform/node-logger.js';
import { rotateTokenKeyRing } from '../tokens/key-ring-store.js';
import { openConfiguredStore } from './configured-store.js';

/**
 * `keysmith keys rotate`: adds a new session-token key and makes it the active one. Tokens sealed
 * with older keys keep working until they expire (keys older than 48 h are dropped). Running
 * nodes start sealing with the new key within a second: the rotation bumps the cache generation
 * they poll.
 */
export async function run(argv: string[]): Promise<number> {
  const opened = await openConfiguredStore('keys rotate', argv);
  if (!opened) return 2;
  try {
    const ring = await rotateTokenKeyRing(opened.store, opened.secrets, Date.now());
    await new CacheGeneration(opened.store, () => undefined, createLogger('error')).bump();
    process.stdout.write(
      `token key ring rotated: active key ${ring.active.id.toString(16).padStart(8, '0')}, ${ring.keys.length} key(s) kept\n`,
    );
    return 0;
  } finally {
    await opened.store.close();
  }
}
