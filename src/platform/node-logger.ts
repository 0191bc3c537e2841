import { LOG_LEVELS, type LogFormat, type Logger, type LogLevel } from '../kernel/logger.js';

/**
 * Logging to stderr (or `write`). `level` is one of LOG_LEVELS (the configuration refuses anything
 * else); levels above it are a shared no-op, decided once here. `format`: `json` writes JSON lines
 * (`{"time","level","msg",…fields}`), `text` one line for people (`<time> INFO  msg key=value …`),
 * `auto` text when writing to a terminal and JSON lines otherwise (a pipe, a file, a log
 * collector, or a `write` function).
 */
export function createLogger(
  level: LogLevel,
  write?: (line: string) => void,
  format: LogFormat = 'auto',
  terminal: boolean = process.stderr.isTTY === true,
): Logger {
  // A level from outside the configuration (plain JavaScript callers) logs as `info` would.
  const max = LOG_LEVELS.includes(level) ? LOG_LEVELS.indexOf(level) : LOG_LEVELS.indexOf('info');
  const isOn = (lvl: LogLevel) => LOG_LEVELS.indexOf(lvl) <= max;
  const text = format === 'text' || (format === 'auto' && write === undefined && terminal);
  const line = text ? textLine : jsonLine;
  const out = write ?? ((l: string) => void process.stderr.write(l));
  const log = (lvl: LogLevel) => (isOn(lvl) ? (msg: string, fields?: object) => out(line(lvl, msg, fields)) : off);
  return { error: log('error'), warn: log('warn'), info: log('info'), debug: log('debug'), enabled: isOn };
}

const off = (): void => undefined;

function jsonLine(level: LogLevel, msg: string, fields?: object): string {
  return `${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`;
}

/** `2026-01-02T03:04:05.678Z INFO  msg key=value key="a value"`: values quoted (JSON) only when they must be. */
function textLine(level: LogLevel, msg: string, fields?: object): string {
  let out = `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${CONTROL.test(msg) ? quote(msg) : msg}`;
  if (fields) {
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) out += ` ${key}=${textValue(value)}`;
  }
  return `${out}\n`;
}

/** Printable ASCII without space, `"`, `=` or `\`: written as is; anything else is quoted, so one entry stays one line. */
const BARE = /^[\x21\x23-\x3c\x3e-\x5b\x5d-\x7e]+$/;
const CONTROL = /[\p{Cc}\u2028\u2029]/u;

/** A JSON string, with the C1 controls and line separators JSON leaves as they are escaped too (a terminal may act on them). */
function quote(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function textValue(value: unknown): string {
  if (typeof value === 'string') return BARE.test(value) ? value : quote(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' || value === null) return String(value);
  try {
    return JSON.stringify(value) ?? '"?"';
  } catch {
    return '"(not serialisable)"';
  }
}
