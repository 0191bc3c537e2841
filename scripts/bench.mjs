#!/usr/bin/env node
// `npm run bench`: install if needed, build, then the benchmark runner (dist/bench/run.js) with any
// extra arguments (`npm run bench -- --help`). The runner starts its own servers (keysmith, moto,
// a hello world) and load generators in child processes; nothing here measures anything.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { build, ensureDependencies, root } from './lib/ensure-ready.mjs';

ensureDependencies();
build();
const child = spawn(process.execPath, [join(root, 'dist', 'bench', 'run.js'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
