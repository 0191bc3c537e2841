import { AT_REST_KEY_HINT, AT_REST_KEY_RULE, parseAtRestKey } from './at-rest-key.js';
import { LOG_FORMATS } from '../kernel/logger.js';
import { LOG_LEVELS } from './log-levels.js';
import { type Config, CONFIG_SCHEMA, type ConfigEntry } from './schema.js';

export class ConfigError extends Error {}

/**
 * Reads flags (which win) and the environment into a frozen Config. Fails fast naming the exact
 * setting at fault. Unknown flags are an error too: a typo must not silently fall back to a default.
 */
export function loadConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Readonly<Config> {
  const flags = parseFlags(argv);
  const out: Record<string, unknown> = {};
  for (const entry of CONFIG_SCHEMA) {
    const fromFlag = entry.flag ? flags.get(entry.flag) : undefined;
    if (entry.flag) flags.delete(entry.flag);
    const raw = fromFlag ?? env[entry.env] ?? entry.default;
    out[entry.key] = convert(entry, raw, fromFlag !== undefined ? entry.flag! : entry.env);
  }
  if (flags.size > 0) throw new ConfigError(`unknown option ${[...flags.keys()].join(', ')}`);
  return Object.freeze(out as unknown as Config);
}

function parseFlags(argv: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new ConfigError(`unexpected argument ${arg}`);
    const eq = arg.indexOf('=');
    if (eq > 0) flags.set(arg.slice(0, eq), arg.slice(eq + 1));
    else {
      const entry = CONFIG_SCHEMA.find((e) => e.flag === arg);
      if (entry?.kind === 'boolean') flags.set(arg, 'true');
      else {
        const value = argv[i + 1];
        if (value === undefined) throw new ConfigError(`${arg} needs a value`);
        flags.set(arg, value);
        i++;
      }
    }
  }
  return flags;
}

function convert(entry: ConfigEntry, raw: string | undefined, source: string): unknown {
  if (raw === undefined || raw === '') {
    if (entry.kind === 'optional-string' || entry.kind === 'optional-url' || entry.kind === 'accountId' || entry.kind === 'at-rest-key')
      return undefined;
    throw new ConfigError(`${source} must be set`);
  }
  switch (entry.kind) {
    case 'string':
    case 'optional-string':
      return raw;
    case 'port': {
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 0 || n > 65535) throw new ConfigError(`${source} must be a port number (0-65535), got '${raw}'`);
      return n;
    }
    case 'integer': {
      const n = Number(raw);
      if (!Number.isInteger(n) || n <= 0) throw new ConfigError(`${source} must be a positive integer, got '${raw}'`);
      return n;
    }
    case 'boolean':
      if (raw === 'true' || raw === '1') return true;
      if (raw === 'false' || raw === '0') return false;
      throw new ConfigError(`${source} must be true or false, got '${raw}'`);
    case 'optional-url':
      // A public base URL (keysmith's own, as others reach it): absolute http(s), nothing after the path.
      if (!isBaseUrl(raw))
        throw new ConfigError(`${source} must be an absolute http:// or https:// URL without query or fragment, got '${raw}'`);
      return raw.replace(/\/+$/, '');
    case 'accountId':
      if (!/^\d{12}$/.test(raw)) throw new ConfigError(`${source} must be a 12-digit account id, got '${raw}'`);
      return raw;
    case 'log-level':
      if (!(LOG_LEVELS as readonly string[]).includes(raw))
        throw new ConfigError(`${source} must be one of ${LOG_LEVELS.join(', ')}, got '${raw}'`);
      return raw;
    case 'log-format':
      if (!(LOG_FORMATS as readonly string[]).includes(raw))
        throw new ConfigError(`${source} must be one of ${LOG_FORMATS.join(', ')}, got '${raw}'`);
      return raw;
    case 'at-rest-key':
      // The value is a secret: the message never repeats it.
      if (!parseAtRestKey(raw)) throw new ConfigError(`${AT_REST_KEY_RULE}; ${AT_REST_KEY_HINT}`);
      return raw.trim();
  }
}

function isBaseUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return (
      (url.protocol === 'https:' || url.protocol === 'http:') &&
      url.search === '' &&
      url.hash === '' &&
      url.username === '' &&
      url.password === ''
    );
  } catch {
    return false;
  }
}
