#!/usr/bin/env node
// `npm test`: the whole suite, from a fresh clone. Installs dependencies, builds, lints (ESLint: any
// finding stops the run), starts a throwaway PostgreSQL 15 on 127.0.0.1 (for the storage contract
// suite and the PostgreSQL server tests), runs the test files in two layers, stops PostgreSQL:
//   fast     every test file outside test/clients/: everything that runs inside Node;
//   clients  test/clients/: the real AWS CLI, boto3 and Terraform, and several processes.
// `--fast` builds and runs the fast layer only, without lint (and needs none of the external clients). Other arguments
// filter test files by substring.
import { readdirSync, statSync, mkdtempSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join, relative } from 'node:path';
import { tmpdir } from 'node:os';
import { build, ensureDependencies, lint, root } from './lib/ensure-ready.mjs';
import { startPostgres } from './lib/postgres.mjs';
import { prepareTools } from './lib/test-tools.mjs';

const args = process.argv.slice(2);
const fastOnly = args.includes('--fast');
const filters = args.filter((a) => a !== '--fast');

ensureDependencies();
build();
// The quick loop while working: lint (about 40 s of type-checked rules) is `npm run lint`, and
// always part of the whole run (CI).
if (fastOnly) process.stderr.write('keysmith: --fast: lint and the format check skipped (npm run lint runs them)\n');
else lint();

/**
 * The test files, as their sources in test/ say: a file moved or deleted there may still have
 * its old compiled copy in dist/ (tsc removes nothing), which must not run.
 */
function findTests(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...findTests(path));
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const CLIENTS = join(root, 'dist', 'test', 'clients') + '/';
const files = findTests(join(root, 'test'))
  .map((source) => join(root, 'dist', relative(root, source)).replace(/\.ts$/, '.js'))
  .filter((f) => filters.length === 0 || filters.some((s) => relative(root, f).includes(s)))
  .sort();
const layers = [
  { name: 'fast', files: files.filter((f) => !f.startsWith(CLIENTS)) },
  { name: 'clients', files: fastOnly ? [] : files.filter((f) => f.startsWith(CLIENTS)) },
].filter((layer) => layer.files.length > 0);
if (layers.length === 0) {
  process.stderr.write(`no test files matched${fastOnly ? ' in the fast layer' : ''}\n`);
  process.exit(1);
}
// The external clients are checked only when a layer that drives them runs.
if (layers.some((layer) => layer.name === 'clients')) prepareTools();

function run(layerFiles, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=2', ...layerFiles], {
      cwd: root,
      stdio: 'inherit',
      env,
    });
    child.on('exit', (c) => resolve(c ?? 1));
  });
}

const pgBase = mkdtempSync(join(tmpdir(), 'keysmith-pg-'));
const pg = await startPostgres({ baseDir: pgBase });
const results = [];
try {
  const env = { ...process.env, KEYSMITH_TEST_DATABASE_URL: pg.url };
  for (const layer of layers) {
    process.stderr.write(`keysmith: ${layer.name} layer: running ${layer.files.length} test files (PostgreSQL at ${pg.url})\n`);
    const started = Date.now();
    const code = await run(layer.files, env);
    results.push({ ...layer, code, seconds: Math.round((Date.now() - started) / 1000) });
  }
} finally {
  await pg.stop();
  rmSync(pgBase, { recursive: true, force: true });
}
for (const r of results) {
  process.stderr.write(`keysmith: ${r.name} layer ${r.code === 0 ? 'passed' : 'FAILED'} (${r.files.length} files, ${r.seconds} s)\n`);
}
process.exit(results.find((r) => r.code !== 0)?.code ?? 0);
