import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { captureOutput, stopChild } from './child-process.js';
import { freePort } from './free-port.js';
import { httpCall } from './http-call.js';

export interface MotoChild {
  host: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

/**
 * moto's server (`moto.server.main`, what `moto_server` runs: Werkzeug's threaded HTTP/1.1
 * server, keep-alive) in a child process on 127.0.0.1. One change from `moto_server`: Werkzeug's
 * per-request log line is off (its logger at WARNING), as keysmith runs at log level warn —
 * neither server writes a line per request.
 */
export async function startMotoChild(python = 'python3'): Promise<MotoChild> {
  const host = '127.0.0.1';
  const port = await freePort();
  const script = [
    'import logging, sys',
    "logging.getLogger('werkzeug').setLevel(logging.WARNING)",
    'from moto.server import main',
    'main(sys.argv[1:])',
  ].join('\n');
  const child = spawn(python, ['-c', script, '-H', host, '-p', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = captureOutput(child);
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  const deadline = Date.now() + 30_000;
  for (;;) {
    const failed = await Promise.race([spawnError, sleep(0).then(() => undefined)]);
    if (failed) throw new Error(`cannot start moto (${python}): ${failed.message}`);
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`moto server exited (${child.exitCode ?? child.signalCode}) before it answered:\n${output()}`);
    }
    // Any HTTP answer means it listens (moto's dashboard path answers 200 or 404 depending on version).
    const reply = await httpCall({ host, port, method: 'GET', path: '/moto-api/' }).catch(() => undefined);
    if (reply !== undefined) break;
    if (Date.now() > deadline) {
      await stopChild(child);
      throw new Error(`moto server did not answer within 30 s:\n${output()}`);
    }
    await sleep(100);
  }
  return { host, port, pid: child.pid!, stop: () => stopChild(child) };
}
