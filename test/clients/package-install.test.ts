import { test, after } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/paths.js';
import { describe as describeRun, runProcess } from '../support/clients-process.js';

/**
 * keysmith installs like a tool: `npm pack` (its prepack compiles), the tarball installed into an
 * empty folder (runtime dependencies only, from the npm registry or npm's cache; better-sqlite3
 * may compile from source, which takes minutes), then `npx keysmith --version` there prints the
 * packed version and `npx keysmith serve` answers `/_keysmith/ready`. One test: the install
 * dominates and is done once.
 */

/** The environment of a user's shell: no npm lifecycle variables from `npm test`, no KEYSMITH_*. */
function userEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('KEYSMITH_')) continue;
    if (k.startsWith('npm_') && (!k.startsWith('npm_config_') || k === 'npm_config_local_prefix')) continue;
    env[k] = v;
  }
  // node-gyp compiles with both cores when better-sqlite3 builds from source.
  return { JOBS: 'max', ...env, npm_config_yes: 'false', ...extra };
}

interface PackResult {
  filename: string;
  files: { path: string }[];
}

const root = mkdtempSync(join(tmpdir(), 'keysmith-package-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('npm pack, npm install <tarball>, npx keysmith --version and serve: ready', { timeout: 15 * 60_000 }, async (t) => {
  const packDir = join(root, 'pack');
  mkdirSync(packDir);
  let started = Date.now();
  const pack = await runProcess('npm', ['pack', '--json', '--pack-destination', packDir], {
    cwd: repoRoot,
    env: userEnv({}),
    timeoutMs: 5 * 60_000,
  });
  assert.equal(pack.code, 0, describeRun(pack));
  // prepack's compiler output precedes the JSON on stdout.
  const [packed] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as PackResult[];
  t.diagnostic(`npm pack: ${packed!.files.length} files, ${Date.now() - started} ms`);
  // Exactly what ships: the launcher, the compiled src/, the web console's files (served as they
  // are), and what npm always adds.
  const unexpected = packed!.files
    .map((f) => f.path)
    .filter((p) => !/^(bin\/keysmith\.js|dist\/src\/.+\.js|console\/.+\.(html|js|css)|package\.json|README\.md|LICENSE)$/.test(p));
  assert.deepEqual(unexpected, []);
  assert.ok(packed!.files.some((f) => f.path === 'dist/src/cli/main.js'));
  assert.ok(packed!.files.some((f) => f.path === 'console/index.html'));

  const installDir = join(root, 'app');
  mkdirSync(installDir);
  writeFileSync(join(installDir, 'package.json'), '{ "private": true }\n');
  started = Date.now();
  const install = await runProcess(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel', 'error', join(packDir, packed!.filename)],
    { cwd: installDir, env: userEnv({}), timeoutMs: 14 * 60_000 },
  );
  assert.equal(install.code, 0, describeRun(install));
  t.diagnostic(`npm install <tarball>: ${Math.round((Date.now() - started) / 1000)} s`);
  const modules = join(installDir, 'node_modules');
  // The runtime dependencies the repository declares, each installed; no development one.
  const declared = Object.keys((JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { dependencies: object }).dependencies);
  for (const dep of declared) assert.ok(existsSync(join(modules, dep)), `runtime dependency ${dep} installed`);
  for (const dev of ['typescript', '@aws-sdk', 'eslint', 'fast-check']) assert.ok(!existsSync(join(modules, dev)), `${dev} installed`);
  const installed = JSON.parse(readFileSync(join(modules, 'keysmith', 'package.json'), 'utf8')) as { dependencies: object };
  assert.deepEqual(Object.keys(installed.dependencies).sort(), [...declared].sort());

  // As a user types them. npm_config_yes=false: the local install or nothing, never a package of
  // that name from the registry (`npx --no keysmith --version` would take --version for npx's own).
  const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  const shown = await runProcess('npx', ['keysmith', '--version'], { cwd: installDir, env: userEnv({}), timeoutMs: 60_000 });
  assert.equal(shown.code, 0, describeRun(shown));
  assert.equal(shown.stdout, `keysmith ${version}\n`);

  const dataDir = join(root, 'data');
  started = Date.now();
  const child = spawn('npx', ['keysmith', 'serve'], {
    cwd: installDir,
    env: userEnv({ KEYSMITH_HOST: '127.0.0.1', KEYSMITH_PORT: '0', KEYSMITH_DATA_DIR: dataDir, KEYSMITH_LOG_LEVEL: 'error' }),
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: npx, the shell npm may start and the server are stopped together.
    detached: true,
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        out += d;
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      void exited.then((code) => reject(new Error(`npx keysmith serve exited ${code} before listening: ${err}`)));
    });
    const ready = await fetch(`${url}/_keysmith/ready`);
    assert.equal(ready.status, 200);
    // The installed package serves its web console (its files beside dist/).
    const page = await fetch(`${url}/_keysmith/console/js/main.js`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/javascript/);
    t.diagnostic(`npx keysmith serve: ready ${Date.now() - started} ms after the command`);
    assert.ok(existsSync(join(dataDir, 'credentials')), 'bootstrap credentials written to KEYSMITH_DATA_DIR');
  } finally {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // Already gone.
    }
    await exited;
  }
});
