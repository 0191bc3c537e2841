/**
 * Node/V8 flags for the server process, where keysmith starts it: `npm start`, the workers of
 * `serve --workers`, the Docker image (Dockerfile), the bench. `keysmith serve` run directly
 * (`npx keysmith serve`) cannot set them itself — V8 reads them before any code runs — so the
 * README says to pass them there (`NODE_OPTIONS`).
 *
 * `--max-semi-space-size=32` (MiB; Node 20's default is 16): the young generation is collected
 * each time it fills, and each collection copies everything still alive in it — with many
 * requests in flight, all of their state. At 512 connections the default made ~55 collections a
 * second of ~2.5 ms (13 % of the main thread) and set the p99 (59–62 ms); with 32 MiB, half as
 * many and cheaper, p99 40.5 ms and +20 % throughput. At 16 connections it changes nothing
 * measurable (docs/benchmarks.md, issue 15's fifth step). The cost: up to ~50 MiB more RSS under load.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];

/**
 * `execArgv` plus each server flag the caller has not set itself, on the command line or in
 * NODE_OPTIONS (a flag given wins: the command line would override NODE_OPTIONS otherwise).
 */
export function withServerNodeFlags(execArgv: readonly string[], nodeOptions = process.env.NODE_OPTIONS ?? ''): string[] {
  const nameOf = (flag: string) => flag.split('=')[0]!.replaceAll('_', '-');
  const given = new Set([...execArgv, ...nodeOptions.split(/\s+/)].map(nameOf));
  return [...execArgv, ...SERVER_NODE_FLAGS.filter((flag) => !given.has(nameOf(flag)))];
}
