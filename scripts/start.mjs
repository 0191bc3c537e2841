#!/usr/bin/env node
// `npm start`: install if needed, compile if any source changed since the last build (the stamp
// that scripts/lib/ensure-ready.mjs writes), then `keysmith serve` with any extra arguments
// (`--no-build` skips the install check and the compile, for a tree that is already built).
//
// Stopping `npm start` stops the server: SIGINT, SIGTERM and SIGHUP are passed on to it, and this
// script exits as it did (same code, or the same signal). If this script dies without a chance to
// pass anything on (SIGKILL, a crash), the server notices its IPC channel to us closing and stops
// too (src/cli/serve.ts): it never serves on as an orphan.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildIfChanged, ensureDependencies, root } from './lib/ensure-ready.mjs';

const args = process.argv.slice(2);
const noBuild = args.includes('--no-build');
if (!noBuild) {
  ensureDependencies();
  buildIfChanged();
}
const serveArgs = args.filter((a) => a !== '--no-build');
// The server's V8 flags (src/server/node-flags.ts, why each): only the built code knows them.
const { withServerNodeFlags } = await import('../dist/src/server/node-flags.js');
const child = spawn(process.execPath, [...withServerNodeFlags([]), join(root, 'bin', 'keysmith.js'), 'serve', ...serveArgs], {
  stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
});
const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
// A terminal's Ctrl-C reaches the server as well as us; passing it on again is harmless (the
// server stops on the first one and ignores the rest).
for (const signal of signals) process.on(signal, () => child.kill(signal));
child.on('error', (error) => {
  process.stderr.write(`keysmith: could not start the server: ${error.message}\n`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  if (signal) {
    // Die of the same signal, so whoever started us sees what happened to the server.
    for (const s of signals) process.removeAllListeners(s);
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 1);
});
