// Makes a fresh clone runnable: installs the locked dependencies when node_modules is missing or
// older than package-lock.json, then compiles TypeScript. Plain Node, no dependencies of its own.
import { existsSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';

export const root = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');

function run(cmd, args, what) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write(`keysmith: ${what} failed (exit ${r.status})\n`);
    process.exit(r.status ?? 1);
  }
}

const say = (line) => process.stderr.write(`keysmith: ${line}\n`);
const seconds = (ms) => (ms < 90_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 60_000).toFixed(1)} min`);

/**
 * Prints a line every 30 s while `spawnSync` blocks this process (a separate small process does
 * the printing; it stops when told, or when this process is gone).
 */
function heartbeat(what) {
  const script = `
    const started = Date.now(), parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) process.exit(0);
      const s = Math.round((Date.now() - started) / 1000);
      process.stderr.write('keysmith: still ' + ${JSON.stringify(what)} + ' (' + Math.floor(s / 60) + ' min ' + (s % 60) + ' s so far)\\n');
    }, 30_000);`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'ignore', 'inherit'] });
  return () => child.kill();
}

/** How a clone installs its dependencies (the Dockerfile's build stage runs the same). */
export const INSTALL_COMMAND = ['npm', 'ci', '--no-audit', '--no-fund'];

export function ensureDependencies() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  // What was installed is known by the lock file's content (written after each install here), so a
  // checkout that rewrites package-lock.json unchanged (a worktree, a branch switch) does not
  // reinstall; an install made otherwise falls back on npm's own marker being newer than the lock.
  const installedHash = join(root, 'node_modules', '.keysmith-lock-sha256');
  const lockHash = createHash('sha256').update(readFileSync(lock)).digest('hex');
  const known = existsSync(installedHash) ? readFileSync(installedHash, 'utf8').trim() : undefined;
  const stale = known !== undefined ? known !== lockHash : !existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs;
  if (stale) {
    const cores = availableParallelism();
    say('installing the locked dependencies (npm ci).');
    say(
      'better-sqlite3 needs a native binary: a prebuilt one downloads in seconds; where none can be downloaded ' +
        '(no access to GitHub, an unusual platform) it compiles from source, which took 1.5 to 5 min on 2 cores ' +
        `(this machine has ${cores}). Only the first start, or one after package-lock.json changed, does this.`,
    );
    const started = Date.now();
    const stop = heartbeat('installing dependencies (npm ci; a better-sqlite3 build from source prints nothing until done)');
    try {
      run(INSTALL_COMMAND[0], INSTALL_COMMAND.slice(1), 'npm ci');
    } finally {
      stop();
    }
    writeFileSync(installedHash, `${lockHash}\n`);
    say(`dependencies installed (${seconds(Date.now() - started)})`);
  }
}

/**
 * ESLint over src/, test/, bench/ and scripts/ (eslint.config.js: typescript-eslint's type-checked
 * rules and the layer rules). Prints the findings and stops the run when there are any.
 */
export function lint() {
  const started = Date.now();
  run(process.execPath, [join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), ...LINTED], 'ESLint');
  // The web console's browser code has no build step: its JSDoc types are checked here.
  run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.console.json'], 'the console type check');
  // The settled style (.prettierrc.json): `npm run format` rewrites, this only checks.
  run(
    process.execPath,
    [join(root, 'node_modules', 'prettier', 'bin', 'prettier.cjs'), '--check', '--log-level', 'warn', ...LINTED],
    'Prettier (run `npm run format`)',
  );
  process.stderr.write(`keysmith: lint and format clean (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
}

/** What `npm run lint` and `npm test` lint (the same list as package.json's "lint"). */
export const LINTED = ['src', 'test', 'bench', 'scripts', 'console', 'eslint.config.js'];

/** The compiled folders, each with its sources (tsconfig.json's "include"). */
const COMPILED = ['src', 'test', 'bench'];
/** Written after a successful build, with the time the build started as its mtime. */
const STAMP = join(root, 'dist', '.build-stamp');

/**
 * Compiles TypeScript (incrementally: dist/.tsbuildinfo), removes compiled files whose source is
 * gone (tsc removes nothing, and `npm pack` ships dist/src), and stamps the build.
 */
export function build() {
  const started = Date.now();
  run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.json')], 'TypeScript build');
  for (const dir of COMPILED) pruneOrphans(join(root, 'dist', dir), join(root, dir));
  writeFileSync(STAMP, 'the sources as of this file’s mtime are compiled (scripts/lib/ensure-ready.mjs)\n');
  const t = new Date(started);
  utimesSync(STAMP, t, t);
}

/** `build()` unless nothing the build reads has changed since the last successful one. */
export function buildIfChanged() {
  const stamp = existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0;
  const changed = stamp === 0 || !existsSync(join(root, 'dist', 'src', 'cli', 'main.js')) ? undefined : newerThan(stamp);
  if (stamp !== 0 && changed === null) {
    say('compiled code is up to date (nothing changed since the last build)');
    return;
  }
  say(
    stamp === 0
      ? 'compiling TypeScript (no earlier build recorded: about 15 s on 2 idle cores, up to a minute on a busy machine)…'
      : `compiling TypeScript (${changed ? `${relative(root, changed)} changed since the last build` : 'dist/src/cli/main.js is missing'}; a few seconds)…`,
  );
  const started = Date.now();
  build();
  say(`compiled (${seconds(Date.now() - started)})`);
}

/** The first input newer than `ms` (a source, a folder that lost a file, the config), or null. */
function newerThan(ms) {
  const fixed = ['tsconfig.json', 'package-lock.json', join('node_modules', '.package-lock.json')].map((f) => join(root, f));
  for (const f of fixed) if (existsSync(f) && statSync(f).mtimeMs > ms) return f;
  const walk = (dir) => {
    if (statSync(dir).mtimeMs > ms) return dir;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        const found = walk(path);
        if (found) return found;
      } else if (statSync(path).mtimeMs > ms) return path;
    }
    return null;
  };
  for (const dir of COMPILED) {
    const found = existsSync(join(root, dir)) ? walk(join(root, dir)) : null;
    if (found) return found;
  }
  return null;
}

/** Deletes `x.js`, `x.js.map` and `x.d.ts` under `out` when `src` has no `x.ts`. */
function pruneOrphans(out, src) {
  if (!existsSync(out)) return;
  for (const entry of readdirSync(out, { withFileTypes: true })) {
    const path = join(out, entry.name);
    if (entry.isDirectory()) {
      pruneOrphans(path, join(src, entry.name));
      continue;
    }
    const m = /^(.*)\.(js|js\.map|d\.ts)$/.exec(entry.name);
    if (m && !existsSync(join(src, `${m[1]}.ts`))) rmSync(path);
  }
}
