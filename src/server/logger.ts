import { LOG_LEVELS, type LogLevel } from '../config/log-levels.js';

/** JSON-lines logging to stderr. Levels: error < warn < info < debug. */
export type { LogLevel };

/** Plain function members (no `this`): a caller may pick one, `const log = bad ? logger.error : logger.debug`. */
export interface Logger {
  error: (msg: string, fields?: object) => void;
  warn: (msg: string, fields?: object) => void;
  info: (msg: string, fields?: object) => void;
  debug: (msg: string, fields?: object) => void;
}

/** `level` is one of LOG_LEVELS (the configuration refuses anything else). */
export function createLogger(level: LogLevel, write: (line: string) => void = (l) => process.stderr.write(l)): Logger {
  // A level from outside the configuration (plain JavaScript callers) logs as `info` would.
  const max = LOG_LEVELS.includes(level) ? LOG_LEVELS.indexOf(level) : LOG_LEVELS.indexOf('info');
  const log = (lvl: LogLevel) => (msg: string, fields?: object) => {
    if (LOG_LEVELS.indexOf(lvl) <= max) write(`${JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...fields })}\n`);
  };
  return { error: log('error'), warn: log('warn'), info: log('info'), debug: log('debug') };
}
