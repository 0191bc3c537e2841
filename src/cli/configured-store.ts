import { ConfigError } from '../config/load-config.js';
import { loadConfigFromProcess } from '../config/from-process.js';
import type { Config } from '../config/schema.js';
import { ensureDataDir, generateKey, readOrCreateSecretFile } from '../server/data-dir.js';
import { openStore } from '../storage/open-store.js';
import type { Store } from '../storage/store.js';
import { SecretBox } from '../tokens/secret-box.js';
import { CONFIG_OPTIONS } from './specs.js';

/** The configuration flags among parsed options, as `--flag=value` arguments for the config loader. */
export function configArgv(values: Readonly<Record<string, string | boolean | undefined>>): string[] {
  const out: string[] = [];
  for (const o of CONFIG_OPTIONS) {
    const v = values[o.name];
    if (v === true) out.push(`--${o.name}`);
    else if (typeof v === 'string') out.push(`--${o.name}=${v}`);
  }
  return out;
}

/**
 * For subcommands that work on the data directly (the server need not run): the same
 * configuration as `serve`, the store and the at-rest key. Returns undefined after printing a
 * configuration error.
 */
export async function openConfiguredStore(
  command: string,
  argv: readonly string[],
  stderr: (text: string) => void = (t) => void process.stderr.write(t),
): Promise<{ config: Readonly<Config>; store: Store; secrets: SecretBox } | undefined> {
  let config;
  try {
    config = loadConfigFromProcess(argv);
  } catch (error) {
    if (error instanceof ConfigError) {
      stderr(`keysmith ${command}: ${error.message}\n`);
      return undefined;
    }
    throw error;
  }
  ensureDataDir(config.dataDir);
  const atRestKey = config.atRestKey ?? readOrCreateSecretFile(config.dataDir, 'at-rest.key', generateKey);
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  return { config, store, secrets: new SecretBox(Buffer.from(atRestKey, 'base64')) };
}
