// Makes a fresh clone runnable: installs the locked dependencies when node_modules is missing or
// older than package-lock.json, then compiles TypeScript. Plain Node, no dependencies of its own.
import { existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const root = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');

function run(cmd, args, what) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write(`keysmith: ${what} failed (exit ${r.status})\n`);
    process.exit(r.status ?? 1);
  }
}

export function ensureDependencies() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs) {
    process.stderr.write('keysmith: installing dependencies (npm ci; better-sqlite3 builds from source, about a minute)…\n');
    run('npm', ['ci', '--no-audit', '--no-fund'], 'npm ci');
  }
}

/**
 * ESLint over src/, test/, bench/ and scripts/ (eslint.config.js: typescript-eslint's type-checked
 * rules and the layer rules). Prints the findings and stops the run when there are any.
 */
export function lint() {
  const started = Date.now();
  run(process.execPath, [join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), ...LINTED], 'ESLint');
  // The settled style (.prettierrc.json): `npm run format` rewrites, this only checks.
  run(
    process.execPath,
    [join(root, 'node_modules', 'prettier', 'bin', 'prettier.cjs'), '--check', '--log-level', 'warn', ...LINTED],
    'Prettier (run `npm run format`)',
  );
  process.stderr.write(`keysmith: lint and format clean (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
}

/** What `npm run lint` and `npm test` lint (the same list as package.json's "lint"). */
export const LINTED = ['src', 'test', 'bench', 'scripts', 'eslint.config.js'];

export function build() {
  run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.json')], 'TypeScript build');
}
