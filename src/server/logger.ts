/** JSON-lines logging to stderr. Levels: error < warn < info < debug. */
const LEVELS = { error: 0, warn: 1, info: 2, debug: 3 } as const;
export type LogLevel = keyof typeof LEVELS;

export interface Logger {
  error(msg: string, fields?: object): void;
  warn(msg: string, fields?: object): void;
  info(msg: string, fields?: object): void;
  debug(msg: string, fields?: object): void;
}

export function createLogger(level: string, write: (line: string) => void = (l) => process.stderr.write(l)): Logger {
  const max = LEVELS[level as LogLevel] ?? LEVELS.info;
  const log = (lvl: LogLevel) => (msg: string, fields?: object) => {
    if (LEVELS[lvl] <= max) write(`${JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...fields })}\n`);
  };
  return { error: log('error'), warn: log('warn'), info: log('info'), debug: log('debug') };
}
