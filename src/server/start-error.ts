/**
 * A start that cannot succeed because of a setting or the machine: the message is one line that
 * names the setting at fault (environment variable and flag) and says what to do. `keysmith
 * serve` prints it as it is and exits 1; anything else failing the start is reported as
 * unexpected.
 */
export class StartError extends Error {
  override readonly name = 'StartError';
}

/** `EACCES` and friends, for the end of a message; Node's own text repeats the path. */
export function errnoOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}
