/** The log levels, quietest first; `KEYSMITH_LOG_LEVEL` must be one of them (a typo fails the start). */
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
