import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { repoRoot } from '../../test/support/paths.js';
import { captureOutput, stopChild } from './child-process.js';
import { withServerNodeFlags } from '../../src/server/node-flags.js';
import { freePort } from './free-port.js';
import { httpCall } from './http-call.js';
import type { Credentials } from './sign-query.js';

export const BENCH_ACCOUNT_ID = '111122223333';
/** Fixed bootstrap keys, so the runner can sign without reading the data folder. */
export const BENCH_ADMIN: Credentials = {
  accessKeyId: 'AKIAKEYSMITHBENCH001',
  secretAccessKey: 'keysmith/bench/admin/secret/000000000000',
};

export interface KeysmithChild {
  host: string;
  port: number;
  pid: number;
  accountId: string;
  /** The temp data folder (removed by stop()). */
  dataDir: string;
  admin: Credentials;
  stop: () => Promise<void>;
}

export interface KeysmithChildOptions {
  /** `serve --workers N` (node:cluster); absent: one process, the default. */
  workers?: number;
  /** Run under `node --cpu-prof`, writing the profile into this folder when the server exits. */
  cpuProfileDir?: string;
  /** More KEYSMITH_* settings (they cannot override the ones the bench depends on). */
  env?: Record<string, string>;
  /** Node/V8 flags for the server process (`--node-flags`), e.g. `--max-semi-space-size=32`. */
  nodeFlags?: string[];
}

/**
 * `node bin/keysmith.js serve` in a child process, exactly as `npm start` runs it (with the
 * server's Node flags, src/server/node-flags.ts): SQLite in a fresh
 * temp data folder, logging at `warn` (no per-request lines). Resolves once
 * GET /_keysmith/health answers 200. KEYSMITH_* settings of the calling shell are not passed on,
 * so a stray KEYSMITH_DATABASE_URL cannot change what is measured; `env` (--keysmith-env) adds some.
 */
export async function startKeysmithChild(options: KeysmithChildOptions = {}): Promise<KeysmithChild> {
  const host = '127.0.0.1';
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'keysmith-bench-'));
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('KEYSMITH_')) env[k] = v;
  Object.assign(env, options.env ?? {}, {
    KEYSMITH_HOST: host,
    KEYSMITH_ACCOUNT_ID: BENCH_ACCOUNT_ID,
    KEYSMITH_ADMIN_ACCESS_KEY_ID: BENCH_ADMIN.accessKeyId,
    KEYSMITH_ADMIN_SECRET_ACCESS_KEY: BENCH_ADMIN.secretAccessKey,
    KEYSMITH_LOG_LEVEL: 'warn',
  });
  const nodeArgs = options.cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir] : [];
  // As `npm start` runs it: the server's own V8 flags, unless --node-flags sets one of them.
  nodeArgs.push(...withServerNodeFlags(options.nodeFlags ?? [], ''));
  const serveArgs = [
    'serve',
    '--port',
    String(port),
    '--data-dir',
    dataDir,
    ...(options.workers ? ['--workers', String(options.workers)] : []),
  ];
  const child = spawn(process.execPath, [...nodeArgs, join(repoRoot, 'bin', 'keysmith.js'), ...serveArgs], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = captureOutput(child);
  const stop = async () => {
    // Longer grace under --cpu-prof: the profile is written on the way out.
    await stopChild(child, options.cpuProfileDir ? 30_000 : 5000);
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`keysmith serve exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${output()}`);
    }
    const health = await httpCall({ host, port, method: 'GET', path: '/_keysmith/health' }).catch(() => undefined);
    if (health?.status === 200) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`keysmith serve was not healthy within 30 s:\n${output()}`);
    }
    await sleep(100);
  }
  return { host, port, pid: child.pid!, accountId: BENCH_ACCOUNT_ID, dataDir, admin: BENCH_ADMIN, stop };
}
