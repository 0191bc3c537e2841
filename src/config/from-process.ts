import { loadConfig } from './load-config.js';
import type { Config } from './schema.js';

/** The process environment is read here and nowhere else. */
export function loadConfigFromProcess(argv: readonly string[]): Readonly<Config> {
  return loadConfig(argv, process.env);
}
