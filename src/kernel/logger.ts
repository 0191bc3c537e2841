/**
 * The logging port: every layer that logs takes a Logger; the Node implementation (JSON lines or
 * human-readable text on stderr) is src/platform/node-logger.ts. Levels, quietest first:
 * error < warn < info < debug.
 */
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** How log lines are written: JSON lines, text for people, or `auto` (text on a terminal, JSON otherwise). */
export const LOG_FORMATS = ['auto', 'json', 'text'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** Plain function members (no `this`): a caller may pick one, `const log = bad ? logger.error : logger.debug`. */
export interface Logger {
  error: (msg: string, fields?: object) => void;
  warn: (msg: string, fields?: object) => void;
  info: (msg: string, fields?: object) => void;
  debug: (msg: string, fields?: object) => void;
  /**
   * Whether lines of `level` are written at all, so that a caller with a line to build on a hot
   * path (the request log) skips the work when it would be dropped. A logger without it writes
   * (or decides on) every level itself.
   */
  enabled?: (level: LogLevel) => boolean;
}
