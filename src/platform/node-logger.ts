import { LOG_LEVELS, type Logger, type LogLevel } from '../kernel/logger.js';

/** JSON-lines logging to stderr. `level` is one of LOG_LEVELS (the configuration refuses anything else). */
export function createLogger(level: LogLevel, write: (line: string) => void = (l) => process.stderr.write(l)): Logger {
  // A level from outside the configuration (plain JavaScript callers) logs as `info` would.
  const max = LOG_LEVELS.includes(level) ? LOG_LEVELS.indexOf(level) : LOG_LEVELS.indexOf('info');
  const log = (lvl: LogLevel) => (msg: string, fields?: object) => {
    if (LOG_LEVELS.indexOf(lvl) <= max) write(`${JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...fields })}\n`);
  };
  return { error: log('error'), warn: log('warn'), info: log('info'), debug: log('debug') };
}
