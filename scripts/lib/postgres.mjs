// A throw-away PostgreSQL 15 cluster for the test suite (and a manual check:
// `node scripts/lib/postgres.mjs` starts one, prints its URL, stops it; add `--wait` to keep it
// running until Ctrl-C, e.g. to run `node --test dist/test/storage/postgres.test.js` by hand).
//
// initdb and postgres refuse to run as root, so as root every binary runs as the `postgres` OS
// user (runuser, else su); otherwise they run directly as the current user.

import { spawn, spawnSync } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  statSync,
  chownSync,
  constants,
  mkdtempSync,
  rmSync,
  writeFileSync,
  appendFileSync,
  readFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const PREFERRED_BINDIR = '/usr/lib/postgresql/15/bin';
const PG_USER = 'postgres';

/**
 * Starts a fresh cluster: trust auth on 127.0.0.1 only, a free port, unix sockets in the cluster's
 * own temp folder. Returns its URL and `stop()`, which stops it and removes the folder.
 * @param {{ baseDir?: string }} [options] where the temp folder goes (default: the OS temp dir)
 * @returns {Promise<{ url: string, port: number, dir: string, stop: () => Promise<void> }>}
 */
export async function startPostgres({ baseDir } = {}) {
  const bindir = findBindir();
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const runAs = asRoot ? rootRunner() : directRunner();

  const base = resolve(baseDir ?? tmpdir());
  const dir = mkdtempSync(join(base, 'keysmith-pg-'));
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'postgres.log');
  let started = false;
  let port;
  let removeExitHook = () => {};

  const cleanup = () => {
    if (started) {
      runAs.sync(join(bindir, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop'], dir);
      started = false;
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    if (asRoot) {
      letPostgresTraverse(base);
      chownSync(dir, pgUid(), pgGid());
      assertReachableBy(dir, runAs);
    }
    chmodSync(dir, 0o700);

    await runAs.run(
      join(bindir, 'initdb'),
      ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync'],
      dir,
    );

    // Listen on loopback only, sockets in our own folder (not the shared /var/run/postgresql),
    // and skip durability: this cluster is deleted after the run.
    appendFileSync(
      join(dataDir, 'postgresql.conf'),
      [
        '',
        '# keysmith test cluster',
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${dir}'`,
        'fsync = off',
        'synchronous_commit = off',
        'full_page_writes = off',
        'max_connections = 200',
        '',
      ].join('\n'),
    );
    // Trust for 127.0.0.1 and the socket only (initdb's default also admits ::1).
    writeFileSync(join(dataDir, 'pg_hba.conf'), ['local all all trust', 'host all all 127.0.0.1/32 trust', ''].join('\n'));
    if (asRoot) chownSync(join(dataDir, 'pg_hba.conf'), pgUid(), pgGid());

    // The OS picks a free port; another process could grab it before postgres binds, so retry.
    for (let attempt = 1; ; attempt += 1) {
      port = await freePort();
      try {
        await runAs.run(join(bindir, 'pg_ctl'), ['-D', dataDir, '-l', logFile, '-o', `-p ${port}`, '-w', '-t', '60', 'start'], dir);
        started = true;
        break;
      } catch (error) {
        if (attempt >= 3) throw new Error(`${error.message}\n--- postgres.log ---\n${readLog(logFile)}`, { cause: error });
      }
    }
    removeExitHook = onExit(cleanup);
    await waitReady(join(bindir, 'pg_isready'), port, runAs, dir);
  } catch (error) {
    cleanup();
    throw error;
  }

  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    stop: async () => {
      removeExitHook();
      if (started) {
        await runAs.run(join(bindir, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop'], dir).catch(() => {
          runAs.sync(join(bindir, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop'], dir);
        });
        started = false;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function findBindir() {
  const candidates = [PREFERRED_BINDIR];
  const fromConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (fromConfig.status === 0 && fromConfig.stdout.trim()) candidates.push(fromConfig.stdout.trim());
  for (const dir of candidates) {
    if (['initdb', 'pg_ctl', 'pg_isready', 'postgres'].every((b) => isExecutable(join(dir, b)))) return dir;
  }
  throw new Error(
    `PostgreSQL server binaries not found (looked in ${candidates.join(', ')}${fromConfig.error ? '; pg_config is not on PATH' : ''}). ` +
      'Install PostgreSQL 15 (Debian/Ubuntu: apt-get install postgresql-15), ' +
      'or set KEYSMITH_TEST_DATABASE_URL to an existing server and run the tests directly.',
  );
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function pgUid() {
  return idOf('-u');
}

function pgGid() {
  return idOf('-g');
}

function idOf(flag) {
  const out = spawnSync('id', [flag, PG_USER], { encoding: 'utf8' });
  if (out.status !== 0) {
    throw new Error(`running as root, but there is no '${PG_USER}' OS user to run PostgreSQL as (initdb refuses root)`);
  }
  return Number(out.stdout.trim());
}

/** Runs binaries as the current (non-root) user. */
function directRunner() {
  return {
    run: (cmd, args, cwd) => exec(cmd, args, cwd),
    sync: (cmd, args, cwd) => spawnSync(cmd, args, { cwd, stdio: 'ignore' }),
  };
}

/** Runs binaries as the postgres OS user: runuser (no shell, no quoting) if present, else su. */
function rootRunner() {
  const runuser = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find(isExecutable);
  const wrap = runuser
    ? (cmd, args) => [runuser, ['-u', PG_USER, '--', cmd, ...args]]
    : (cmd, args) => ['su', [PG_USER, '-s', '/bin/sh', '-c', [cmd, ...args].map(shellQuote).join(' ')]];
  return {
    run: (cmd, args, cwd) => exec(...wrap(cmd, args), cwd),
    sync: (cmd, args, cwd) => spawnSync(...wrap(cmd, args), { cwd, stdio: 'ignore' }),
  };
}

function shellQuote(arg) {
  return `'${String(arg).replaceAll("'", "'\\''")}'`;
}

/**
 * A caller's fresh temp folder (mkdtemp makes it 0700) would lock the postgres user out of the
 * cluster inside it: grant traversal only (no listing, no writing) on that one folder.
 */
function letPostgresTraverse(base) {
  const { mode, uid } = statSync(base);
  if (uid === 0 && (mode & 0o001) === 0) chmodSync(base, (mode & 0o7777) | 0o011);
}

/** The postgres user must be able to reach the folder, e.g. not under a root-only home. */
function assertReachableBy(dir, runAs) {
  const probe = runAs.sync('/usr/bin/test', ['-w', dir], '/');
  if (probe.status !== 0) {
    throw new Error(`the '${PG_USER}' OS user cannot write to ${dir}; choose a baseDir it can reach (e.g. /tmp)`);
  }
}

function exec(cmd, args, cwd) {
  return new Promise((resolvePromise, reject) => {
    // pg_ctl leaves the server running with our pipes inherited unless output goes elsewhere;
    // the server's own output goes to its log file (-l), so capture only this command's output.
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolvePromise(output);
      else reject(new Error(`${[cmd, ...args].join(' ')} exited with ${code}\n${output.trim()}`));
    });
  });
}

function freePort() {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePromise(port));
    });
  });
}

async function waitReady(pgIsReady, port, runAs, cwd) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await runAs.run(pgIsReady, ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-q'], cwd);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not become ready on port ${port}: ${error.message}`, { cause: error });
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

function readLog(file) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Stops the cluster if the process exits without calling stop() (a crash, an uncaught error). */
function onExit(cleanup) {
  const handler = () => cleanup();
  process.once('exit', handler);
  return () => process.removeListener('exit', handler);
}

// `node scripts/lib/postgres.mjs [--wait]`: start, print the URL, stop.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const wait = process.argv.includes('--wait');
  const pgServer = await startPostgres({});
  console.log(pgServer.url);
  if (wait) {
    console.error(`PostgreSQL running (${userInfo().username === 'root' ? `as ${PG_USER}` : 'as you'}); Ctrl-C stops it.`);
    // Signal listeners alone do not keep Node's event loop alive; the timer does.
    const keepAlive = setInterval(() => {}, 1 << 30);
    await new Promise((r) => {
      process.once('SIGINT', r);
      process.once('SIGTERM', r);
    });
    clearInterval(keepAlive);
  }
  await pgServer.stop();
  console.error('stopped');
}
