import { type Config, CONFIG_SCHEMA } from './schema.js';

/**
 * How messages name a setting: its environment variable and, when it has one, its flag
 * (`KEYSMITH_PORT / --port`). Taken from the schema so a message never names a setting that
 * does not exist.
 */
export function settingName(key: keyof Config): string {
  const entry = CONFIG_SCHEMA.find((e) => e.key === key);
  if (!entry) throw new Error(`no setting ${String(key)}`);
  return entry.flag ? `${entry.env} / ${entry.flag}` : entry.env;
}
