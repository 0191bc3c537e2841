#!/usr/bin/env node
// `npm run fuzz`: install if needed, build, then the protocol fuzzer (dist/bench/fuzz/run.js)
// with any extra arguments (`npm run fuzz -- --help`). The fuzzer starts its own keysmith in a
// child process (or targets --url) and reports; see docs/security.md, "Fuzzing".
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { build, ensureDependencies, root } from './lib/ensure-ready.mjs';

ensureDependencies();
build();
const child = spawn(process.execPath, [join(root, 'dist', 'bench', 'fuzz', 'run.js'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
