import type { CliIo } from './policy-validate.js';

/** `keysmith policy simulate [FILE|-] [--derive] [--explain]` — being written (issue 3). */
export async function run(_argv: string[], io: CliIo): Promise<number> {
  io.stderr('keysmith policy simulate: not available yet\n');
  return 2;
}
