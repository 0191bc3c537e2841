import { CacheGeneration } from '../server/cache-generation.js';
import { createLogger } from '../platform/node-logger.js';
import { rotateTokenKeyRing } from '../tokens/key-ring-store.js';
import { parseOrExit, processOut, type CliOut } from './args.js';
import { configArgv, openConfiguredStore } from './configured-store.js';
import { KEYS_ROTATE } from './specs.js';

/**
 * `keysmith keys rotate`: adds a new session-token key and makes it the active one. Tokens sealed
 * with older keys keep working until they expire (keys older than 48 h are dropped). Running
 * nodes start sealing with the new key within a second: the rotation bumps the cache generation
 * they poll.
 */
export async function run(argv: string[], io: CliOut = processOut): Promise<number> {
  const parsed = parseOrExit(KEYS_ROTATE, argv, io);
  if (typeof parsed === 'number') return parsed;
  const opened = await openConfiguredStore('keys rotate', configArgv(parsed.values), io.stderr);
  if (!opened) return 2;
  try {
    const ring = await rotateTokenKeyRing(opened.store, opened.secrets, Date.now());
    await new CacheGeneration(opened.store, () => undefined, createLogger('error')).bump();
    io.stdout(`token key ring rotated: active key ${ring.active.id.toString(16).padStart(8, '0')}, ${ring.keys.length} key(s) kept\n`);
    return 0;
  } finally {
    await opened.store.close();
  }
}
