import { describe, it, before, after } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../support/paths.js';

/**
 * `keysmith serve` that cannot start exits non-zero at once with one line naming the setting at
 * fault: never a process that stays alive without listening (which hangs CI jobs). Each case runs
 * the real binary and reports how long it took (the figure is printed, not asserted tightly: the
 * machine may be busy).
 */
const bin = join(repoRoot, 'bin', 'keysmith.js');

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  stdout: string;
  ms: number;
}

/** Runs `node <args>` and waits for it to end by itself (killed after 30 s: then the test fails). */
function runToEnd(args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  const started = Date.now();
  const child = spawn(process.execPath, args, {
    env: { ...process.env, KEYSMITH_LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.on('data', (d) => (stdout += d));
  const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal, stderr, stdout, ms: Date.now() - started });
    });
  });
}

const serve = (args: string[], env?: Record<string, string>) => runToEnd([bin, 'serve', ...args], env);

function expectFailure(outcome: Outcome, setting: RegExp, code = 1): void {
  assert.equal(outcome.signal, null, `killed by ${outcome.signal}: it did not exit by itself (stderr: ${outcome.stderr})`);
  assert.equal(outcome.code, code, `exit code (stderr: ${outcome.stderr})`);
  assert.ok(outcome.ms < 5_000, `took ${outcome.ms} ms`);
  const lines = outcome.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line, got: ${outcome.stderr}`);
  assert.match(lines[0]!, setting);
  assert.doesNotMatch(outcome.stdout, /listening on/);
}

/** Processes whose command line mentions `marker` (Linux /proc), to find orphans. */
function processesMentioning(marker: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

describe('keysmith serve fails fast, naming the setting', () => {
  const root = mkdtempSync(join(tmpdir(), 'keysmith-failfast-'));
  let busy: Server;
  let busyPort: number;

  before(async () => {
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    busyPort = (busy.address() as { port: number }).port;
  });
  after(() => {
    busy.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('port in use: exit 1 naming KEYSMITH_PORT / --port, nothing created', { timeout: 60_000 }, async (t) => {
    const dataDir = join(root, 'port-in-use');
    const outcome = await serve(['--port', String(busyPort), '--data-dir', dataDir]);
    t.diagnostic(`port in use: exit ${outcome.code} after ${outcome.ms} ms`);
    expectFailure(outcome, /KEYSMITH_PORT \/ --port: port \d+ on 127\.0\.0\.1 is already in use.*choose another port/);
    assert.equal(existsSync(dataDir), false, 'no data folder (and no account) is made for a server that cannot listen');
  });

  it('address not on this machine: exit 1 naming KEYSMITH_HOST / --host', { timeout: 60_000 }, async (t) => {
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): never a local address.
    const outcome = await serve(['--port', '0', '--host', '192.0.2.1', '--data-dir', join(root, 'bad-host')]);
    t.diagnostic(`address not available: exit ${outcome.code} after ${outcome.ms} ms`);
    expectFailure(outcome, /KEYSMITH_HOST \/ --host: 192\.0\.2\.1 is not an address of this machine/);
  });

  it('data folder that cannot be created: exit 1 naming KEYSMITH_DATA_DIR / --data-dir', { timeout: 60_000 }, async (t) => {
    // Node's own recursive mkdir spins forever on this path; keysmith must not.
    const outcome = await serve(['--port', '0', '--data-dir', '/proc/keysmith-x']);
    t.diagnostic(`data folder /proc/keysmith-x: exit ${outcome.code} after ${outcome.ms} ms`);
    expectFailure(outcome, /KEYSMITH_DATA_DIR \/ --data-dir: cannot use '\/proc\/keysmith-x' as the data folder/);
  });

  it('data folder that is a file: exit 1 naming KEYSMITH_DATA_DIR / --data-dir', { timeout: 60_000 }, async (t) => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'x');
    const outcome = await serve(['--port', '0', '--data-dir', file]);
    t.diagnostic(`data folder is a file: exit ${outcome.code} after ${outcome.ms} ms`);
    expectFailure(outcome, /KEYSMITH_DATA_DIR \/ --data-dir: .*is a file, not a folder/);
  });

  it('data folder that cannot be written: exit 1 naming KEYSMITH_DATA_DIR / --data-dir', { timeout: 60_000 }, async (t) => {
    // An existing folder nobody may create files in, even root.
    const outcome = await serve(['--port', '0', '--data-dir', '/proc/self']);
    t.diagnostic(`data folder not writable: exit ${outcome.code} after ${outcome.ms} ms`);
    expectFailure(outcome, /KEYSMITH_DATA_DIR \/ --data-dir: cannot use '\/proc\/self' as the data folder: keysmith cannot write in it/);
  });

  it('malformed at-rest.key: exit 1 with the rule, the file and the remedy', { timeout: 60_000 }, async (t) => {
    const dataDir = join(root, 'bad-key-file');
    mkdirSync(dataDir, { mode: 0o700 });
    writeFileSync(join(dataDir, 'at-rest.key'), 'not-a-key\n', { mode: 0o600 });
    const outcome = await serve(['--port', '0', '--data-dir', dataDir]);
    t.diagnostic(`malformed at-rest.key: exit ${outcome.code} after ${outcome.ms} ms`);
    expectFailure(outcome, /KEYSMITH_AT_REST_KEY \(or <data-dir>\/at-rest\.key\) must be base64 of 32 bytes, and .*at-rest\.key is not/);
    assert.doesNotMatch(outcome.stderr, /not-a-key/, 'the key file content is never printed');
  });

  it('unreadable at-rest.key: exit 1 naming the file and KEYSMITH_AT_REST_KEY', { timeout: 60_000 }, async (t) => {
    const dataDir = join(root, 'unreadable-key');
    // A folder in the key file's place cannot be read as a file, whoever runs the test.
    mkdirSync(join(dataDir, 'at-rest.key'), { recursive: true });
    const outcome = await serve(['--port', '0', '--data-dir', dataDir]);
    t.diagnostic(`unreadable at-rest.key: exit ${outcome.code} after ${outcome.ms} ms`);
    expectFailure(outcome, /cannot read .*at-rest\.key \(EISDIR\).*KEYSMITH_AT_REST_KEY/);
  });

  it('KEYSMITH_AT_REST_KEY that is not 32 bytes of base64: exit 2, the value never printed', { timeout: 60_000 }, async (t) => {
    const secret = Buffer.alloc(16, 7).toString('base64');
    const outcome = await serve(['--port', '0', '--data-dir', join(root, 'short-key')], { KEYSMITH_AT_REST_KEY: secret });
    t.diagnostic(`short KEYSMITH_AT_REST_KEY: exit ${outcome.code} after ${outcome.ms} ms`);
    expectFailure(outcome, /KEYSMITH_AT_REST_KEY \(or <data-dir>\/at-rest\.key\) must be base64 of 32 bytes/, 2);
    assert.ok(!outcome.stderr.includes(secret));
  });

  it('empty admin-token file: exit 1 naming KEYSMITH_ADMIN_TOKEN', { timeout: 60_000 }, async (t) => {
    const dataDir = join(root, 'empty-token');
    mkdirSync(dataDir, { mode: 0o700 });
    writeFileSync(join(dataDir, 'admin-token'), '', { mode: 0o600 });
    const outcome = await serve(['--port', '0', '--data-dir', dataDir]);
    t.diagnostic(`empty admin-token: exit ${outcome.code} after ${outcome.ms} ms`);
    expectFailure(outcome, /KEYSMITH_ADMIN_TOKEN \(or <data-dir>\/admin-token\) must be one line without spaces.*delete the file/);
  });

  it('unknown KEYSMITH_LOG_LEVEL: exit 2 naming the allowed values', { timeout: 60_000 }, async (t) => {
    const outcome = await serve(['--port', '0', '--data-dir', join(root, 'log-level')], { KEYSMITH_LOG_LEVEL: 'verbose' });
    t.diagnostic(`unknown log level: exit ${outcome.code} after ${outcome.ms} ms`);
    expectFailure(outcome, /KEYSMITH_LOG_LEVEL must be one of error, warn, info, debug, got 'verbose'/, 2);
  });

  it(
    'database that cannot be reached: exit 1 naming KEYSMITH_DATABASE_URL / --database-url, no password',
    { timeout: 60_000 },
    async (t) => {
      const outcome = await serve([
        '--port',
        '0',
        '--data-dir',
        join(root, 'db'),
        '--database-url',
        'postgres://keysmith:hunter2@127.0.0.1:1/keysmith',
      ]);
      t.diagnostic(`database refused: exit ${outcome.code} after ${outcome.ms} ms`);
      expectFailure(
        outcome,
        /cannot use the database at postgres:\/\/keysmith@127\.0\.0\.1:1\/keysmith \(KEYSMITH_DATABASE_URL \/ --database-url\): .*ECONNREFUSED/,
      );
      assert.doesNotMatch(outcome.stderr, /hunter2/);
    },
  );

  it('audit file that cannot be written: exit 1 naming KEYSMITH_AUDIT_FILE / --audit-file', { timeout: 60_000 }, async (t) => {
    const outcome = await serve(['--port', '0', '--data-dir', join(root, 'audit'), '--audit-file', '/proc/keysmith-x/audit.jsonl']);
    t.diagnostic(`audit file: exit ${outcome.code} after ${outcome.ms} ms`);
    expectFailure(outcome, /KEYSMITH_AUDIT_FILE \/ --audit-file: cannot append to \/proc\/keysmith-x\/audit\.jsonl/);
  });

  it('--workers with the port in use: exit 1 naming KEYSMITH_PORT, no worker left', { timeout: 60_000 }, async (t) => {
    const dataDir = join(root, 'workers-port');
    const outcome = await serve(['--workers', '2', '--port', String(busyPort), '--data-dir', dataDir]);
    t.diagnostic(`--workers 2, port in use: exit ${outcome.code} after ${outcome.ms} ms`);
    expectFailure(outcome, /KEYSMITH_PORT \/ --port: port \d+ on 127\.0\.0\.1 is already in use/);
    assert.deepEqual(processesMentioning(dataDir), []);
  });

  it('--workers with a worker that cannot start: exit 1 with its reason, no worker left', { timeout: 60_000 }, async (t) => {
    // Workers read the configuration themselves; this preload spoils it in workers only, standing
    // in for anything that fails a worker after the primary's own start-up succeeded.
    const preload = join(root, 'spoil-workers.cjs');
    writeFileSync(preload, "if ((process.argv[1] || '').endsWith('cluster.js')) process.env.KEYSMITH_LOG_LEVEL = 'loud';\n");
    const dataDir = join(root, 'workers-fail');
    const outcome = await serve(['--workers', '2', '--port', '0', '--data-dir', dataDir], { NODE_OPTIONS: `--require ${preload}` });
    t.diagnostic(`--workers 2, worker start fails: exit ${outcome.code} after ${outcome.ms} ms`);
    assert.ok(outcome.ms < 15_000, `took ${outcome.ms} ms`);
    assert.equal(outcome.code, 1, outcome.stderr);
    assert.match(outcome.stderr, /^keysmith serve: worker \d+: KEYSMITH_LOG_LEVEL must be one of error, warn, info, debug, got 'loud'\n$/);
    assert.deepEqual(processesMentioning(dataDir), []);
  });

  it('a failed in-process start stops what it started: the process ends by itself', { timeout: 60_000 }, async (t) => {
    // The library path has no `process.exit` behind it: the audit worker thread, the store and
    // the pollers must all be gone once startKeysmith rejects, or the process would stay alive.
    const url = (path: string) => pathToFileURL(join(repoRoot, 'dist', 'src', path)).href;
    const script = `
      import { loadConfig } from '${url('config/load-config.js')}';
      import { startKeysmith } from '${url('server/start.js')}';
      import { createLogger } from '${url('platform/node-logger.js')}';
      const config = loadConfig(['--port', '${busyPort}', '--data-dir', ${JSON.stringify(join(root, 'in-process'))}], {});
      startKeysmith(config, { logger: createLogger('error') }).then(
        () => { console.error('started?'); process.exitCode = 4; },
        (error) => { console.error(error.name + ': ' + error.message); process.exitCode = 3; },
      );`;
    const outcome = await runToEnd(['--input-type=module', '-e', script]);
    t.diagnostic(`in-process start, port in use: ended after ${outcome.ms} ms`);
    assert.equal(outcome.signal, null, 'the process had to be killed: something kept it alive');
    assert.equal(outcome.code, 3, outcome.stderr);
    assert.match(outcome.stderr, /StartError: KEYSMITH_PORT \/ --port: port \d+ on 127\.0\.0\.1 is already in use/);
  });
});
