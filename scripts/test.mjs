#!/usr/bin/env node
// `npm test`: the whole suite, from a fresh clone. Installs dependencies, builds, lints (ESLint: any
// finding stops the run), starts a throwaway PostgreSQL 15 on 127.0.0.1 (for the storage contract
// suite and the PostgreSQL server tests), runs every test file, stops PostgreSQL. Extra arguments
// filter test files by substring.
import { readdirSync, statSync, mkdtempSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join, relative } from 'node:path';
import { tmpdir } from 'node:os';
import { build, ensureDependencies, lint, root } from './lib/ensure-ready.mjs';
import { startPostgres } from './lib/postgres.mjs';
import { prepareTools } from './lib/test-tools.mjs';

ensureDependencies();
build();
lint();
prepareTools();

function findTests(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...findTests(path));
    else if (name.endsWith('.test.js')) out.push(path);
  }
  return out;
}

const filters = process.argv.slice(2);
const files = findTests(join(root, 'dist', 'test'))
  .filter((f) => filters.length === 0 || filters.some((s) => relative(root, f).includes(s)))
  .sort();
if (files.length === 0) {
  process.stderr.write('no test files matched\n');
  process.exit(1);
}

const pgBase = mkdtempSync(join(tmpdir(), 'keysmith-pg-'));
const pg = await startPostgres({ baseDir: pgBase });
let code;
try {
  process.stderr.write(`running ${files.length} test files (PostgreSQL at ${pg.url})\n`);
  code = await new Promise((resolve) => {
    const child = spawn(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=2', ...files], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, KEYSMITH_TEST_DATABASE_URL: pg.url },
    });
    child.on('exit', (c) => resolve(c ?? 1));
  });
} finally {
  await pg.stop();
  rmSync(pgBase, { recursive: true, force: true });
}
process.exit(code);
