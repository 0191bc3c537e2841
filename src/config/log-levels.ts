/** The log levels, quietest first; `KEYSMITH_LOG_LEVEL` must be one of them (a typo fails the start). */
export { LOG_LEVELS, type LogLevel } from '../kernel/logger.js';
