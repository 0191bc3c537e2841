#!/usr/bin/env node
// `npm start`: install if needed, build, then `keysmith serve` with any extra arguments.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { build, ensureDependencies, root } from './lib/ensure-ready.mjs';

ensureDependencies();
build();
const child = spawn(process.execPath, [join(root, 'bin', 'keysmith.js'), 'serve', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
