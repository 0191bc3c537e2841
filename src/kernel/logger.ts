/**
 * The logging port: every layer that logs takes a Logger; the Node implementation (JSON lines on
 * stderr) is src/platform/node-logger.ts. Levels, quietest first: error < warn < info < debug.
 */
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Plain function members (no `this`): a caller may pick one, `const log = bad ? logger.error : logger.debug`. */
export interface Logger {
  error: (msg: string, fields?: object) => void;
  warn: (msg: string, fields?: object) => void;
  info: (msg: string, fields?: object) => void;
  debug: (msg: string, fields?: object) => void;
}
