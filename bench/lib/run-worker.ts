import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FromWorker, LoadJob, LoadResult } from './worker-protocol.js';

/** Forks bench/load-worker.ts, gives it one job, and waits for its result. One process per job,
 *  so no state (sockets, JIT, heap) leaks from one scenario into the next. */
export function runWorker(job: LoadJob, onWindowStart: () => void = () => {}): Promise<LoadResult> {
  const script = fileURLToPath(new URL('../load-worker.js', import.meta.url));
  const child = fork(script, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    let settled = false;
    child.on('message', (message: FromWorker) => {
      if (message.type === 'window') return onWindowStart();
      settled = true;
      if (message.type === 'result') resolve(message.result);
      else reject(new Error(`load worker failed: ${message.message}`));
    });
    child.once('exit', (code) => {
      if (!settled) reject(new Error(`load worker exited (${code}) without a result`));
    });
    child.send({ type: 'run', job });
  });
}
