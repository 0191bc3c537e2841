/**
 * `keysmith serve --workers N`: N processes (node:cluster) sharing one listening port, each running
 * the normal server (startKeysmith) with its own store connection and caches.
 *
 * Start-up happens once, in the primary, before any worker exists: the primary runs the ordinary
 * start (data folder, generated keys, migrations, the first account's bootstrap, the token key
 * ring) on an ephemeral loopback port and closes it again. Workers then find everything made, so
 * none of them races another to create a key file or the first account, and the bootstrap
 * credentials are known to (and printed by) the primary alone.
 *
 * Caches are per process: an IAM write served by one worker invalidates that worker's caches only;
 * the others catch up through the store-backed generation counter every process polls
 * (src/server/cache-generation.ts, every 0.5 s). Sessions
 * revoked through the admin API reach every worker the same way (each polls the store), and a
 * token sealed with a key ring entry one worker has not seen yet makes it reload the ring.
 *
 * This file is also the workers' entry point (cluster.setupPrimary `exec`), so that a worker runs
 * exactly the server and not the CLI around it.
 */
import cluster, { type Worker } from 'node:cluster';
import { fileURLToPath } from 'node:url';
import { loadConfigFromProcess } from '../config/from-process.js';
import type { Config } from '../config/schema.js';
import { createLogger } from '../platform/node-logger.js';
import { withServerNodeFlags } from './node-flags.js';
import { startKeysmith, type RunningKeysmith } from './start.js';

/** A worker that has not exited this long after SIGTERM is killed. */
const STOP_GRACE_MS = 10_000;
/** A worker that dies is replaced after this delay, doubled while replacements keep dying young. */
const RESTART_DELAY_MS = 500;
const MAX_RESTART_DELAY_MS = 30_000;
/** A worker that lived this long is considered to have started fine (resets the back-off). */
const HEALTHY_AFTER_MS = 10_000;

export type RunningCluster = Pick<RunningKeysmith, 'url' | 'port' | 'bootstrap' | 'close'>;

/**
 * In the primary: start-up once, then `workers` worker processes on config.port, each started
 * with `workerArgs` (serve's arguments without --workers). Resolves when all listen; rejects (and
 * stops the others) if one exits first. A worker that dies later is replaced.
 */
export async function startCluster(config: Readonly<Config>, workers: number, workerArgs: readonly string[]): Promise<RunningCluster> {
  const logger = createLogger(config.logLevel, undefined, config.logFormat);
  // The one-time start-up, with its own logger quiet: the workers log their own start.
  const once = await startKeysmith(Object.freeze({ ...config, port: 0 }), { logger: createLogger('error') });
  const bootstrap = once.bootstrap;
  await once.close();

  cluster.setupPrimary({ exec: fileURLToPath(import.meta.url), args: [...workerArgs], execArgv: withServerNodeFlags(process.execArgv) });
  let stopping = false;
  let restartDelay = RESTART_DELAY_MS;
  const startedAt = new Map<Worker, number>();

  const fork = (): Promise<{ worker: Worker; port: number }> =>
    new Promise((resolve, reject) => {
      const worker = cluster.fork();
      startedAt.set(worker, Date.now());
      let reason: string | undefined;
      const onMessage = (message: unknown) => {
        if (isStartFailure(message)) reason = message.message;
      };
      const onExit = (code: number | null, signal: string | null) =>
        reject(new Error(reason ?? `worker ${worker.id} exited (${signal ?? code}) before it listened`));
      worker.on('message', onMessage);
      worker.once('exit', onExit);
      worker.once('listening', (address) => {
        worker.off('exit', onExit);
        worker.off('message', onMessage);
        resolve({ worker, port: address.port });
      });
    });

  const first = await Promise.allSettled(Array.from({ length: workers }, fork));
  const failed = first.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    stopping = true;
    await stopAll();
    throw failed.reason instanceof Error ? failed.reason : new Error(String(failed.reason));
  }
  const port = (first[0] as PromiseFulfilledResult<{ port: number }>).value.port;

  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    const lived = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    restartDelay = lived >= HEALTHY_AFTER_MS ? RESTART_DELAY_MS : Math.min(restartDelay * 2, MAX_RESTART_DELAY_MS);
    logger.error('worker exited; starting a replacement', {
      worker: worker.id,
      pid: worker.process.pid,
      code,
      signal,
      restartInMs: restartDelay,
    });
    setTimeout(() => {
      if (!stopping) fork().catch((error: unknown) => logger.error('replacement worker failed to start', { detail: String(error) }));
    }, restartDelay).unref();
  });
  logger.info('keysmith workers listening', { workers, port, pids: Object.values(cluster.workers ?? {}).map((w) => w?.process.pid) });

  async function stopAll(): Promise<void> {
    const running = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());
    await Promise.all(
      running.map(
        (worker) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => worker.process.kill('SIGKILL'), STOP_GRACE_MS);
            worker.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            worker.process.kill('SIGTERM');
          }),
      ),
    );
  }

  return {
    url: `http://${config.host}:${port}`,
    port,
    bootstrap,
    async close() {
      stopping = true;
      await stopAll();
    },
  };
}

/** What a worker that could not start tells the primary, which reports it as the reason. */
interface StartFailure {
  keysmith: 'start-failed';
  message: string;
}

function isStartFailure(message: unknown): message is StartFailure {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as StartFailure).keysmith === 'start-failed' &&
    typeof (message as StartFailure).message === 'string'
  );
}

/** A worker: the normal server on the shared port until the primary sends SIGTERM. */
async function runWorker(): Promise<void> {
  // Ctrl-C reaches every process of the terminal's group; the primary decides when workers stop.
  process.on('SIGINT', () => {});
  let running: RunningKeysmith;
  try {
    running = await startKeysmith(loadConfigFromProcess(process.argv.slice(2)));
  } catch (error) {
    const failure: StartFailure = {
      keysmith: 'start-failed',
      message: `worker ${cluster.worker?.id ?? '?'}: ${(error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ')}`,
    };
    // The primary prints the reason once; without a channel to it, say it here.
    if (process.send) process.send(failure, undefined, {}, () => process.exit(1));
    else process.stderr.write(`keysmith ${failure.message}\n`);
    setTimeout(() => process.exit(1), 1000);
    return;
  }
  process.once('SIGTERM', () => {
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`keysmith worker ${cluster.worker?.id ?? '?'}: close failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  });
}

if (cluster.isWorker && process.argv[1] === fileURLToPath(import.meta.url)) void runWorker();
