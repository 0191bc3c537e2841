import { ConfigError } from '../config/load-config.js';

/** `serve --workers N` accepts 1..MAX_WORKERS processes (src/server/cluster.ts). */
export const MAX_WORKERS = 64;

/**
 * Takes `--workers N` (or `--workers=N`) out of serve's arguments; the rest go to the config
 * loader unchanged. `workers` is undefined when the flag is absent (one process, no cluster).
 */
export function takeWorkersFlag(argv: readonly string[]): { workers: number | undefined; rest: string[] } {
  const rest: string[] = [];
  let raw: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--workers') {
      raw = argv[++i];
      if (raw === undefined) throw new ConfigError('--workers needs a value');
    } else if (arg.startsWith('--workers=')) raw = arg.slice('--workers='.length);
    else rest.push(arg);
  }
  if (raw === undefined) return { workers: undefined, rest };
  const workers = Number(raw);
  if (!Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS) {
    throw new ConfigError(`--workers must be an integer 1..${MAX_WORKERS}, got '${raw}'`);
  }
  return { workers, rest };
}
