import { describe, it, after } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVER_NODE_FLAGS } from '../../src/server/node-flags.js';
import { childCommandLines } from '../support/child-processes.js';
import { repoRoot } from '../support/paths.js';

/**
 * `npm start` (scripts/start.mjs, here with --no-build: the tree is built) stops the server it
 * started, however it is stopped: a signal is passed on, and if it dies outright the server
 * notices and stops instead of serving on as an orphan.
 */
const startScript = join(repoRoot, 'scripts', 'start.mjs');

function npmStart(
  dataDir: string,
): Promise<{ parent: ChildProcess; port: number; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> }> {
  const parent = spawn(process.execPath, [startScript, '--no-build', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir], {
    env: { ...process.env, KEYSMITH_LOG_LEVEL: 'error' },
    // The server inherits these pipes from start.mjs: its "listening on" line arrives here.
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    parent.on('exit', (code, signal) => resolve({ code, signal })),
  );
  let out = '';
  let err = '';
  parent.stderr.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    parent.stdout.on('data', (d) => {
      out += d;
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve({ parent, port: Number(m[1]), exited });
    });
    void exited.then(({ code, signal }) => reject(new Error(`npm start ended (${signal ?? code}) before listening: ${err}`)));
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Polls until nothing accepts connections on the port; resolves to how long that took. */
async function closedWithin(port: number, ms: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (!(await accepts(port))) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`port ${port} still accepts connections after ${ms} ms`);
}

describe('npm start stops the server when it is stopped', () => {
  const root = mkdtempSync(join(tmpdir(), 'keysmith-npm-start-'));
  // The server orphaned by SIGKILL stops listening first and closes its store after: retry while
  // it is still writing its last files into the folder.
  after(() => rmSync(root, { recursive: true, force: true, maxRetries: 50, retryDelay: 100 }));

  it('SIGTERM to npm start: the server stops cleanly and npm start exits 0', { timeout: 60_000 }, async (t) => {
    const { parent, port, exited } = await npmStart(join(root, 'term'));
    assert.equal(await accepts(port), true);
    // The server runs with its Node flags (src/server/node-flags.ts).
    const [server] = childCommandLines(parent.pid!);
    for (const flag of SERVER_NODE_FLAGS) assert.ok(server?.includes(flag), `server started with ${flag}: ${server?.join(' ')}`);
    const sent = Date.now();
    parent.kill('SIGTERM');
    const { code, signal } = await exited;
    t.diagnostic(`SIGTERM: npm start exited ${signal ?? code} after ${Date.now() - sent} ms`);
    assert.equal(signal, null);
    assert.equal(code, 0);
    await closedWithin(port, 5_000);
  });

  it('SIGHUP to npm start: passed on too', { timeout: 60_000 }, async () => {
    const { parent, port, exited } = await npmStart(join(root, 'hup'));
    parent.kill('SIGHUP');
    assert.deepEqual(await exited, { code: 0, signal: null });
    await closedWithin(port, 5_000);
  });

  it('npm start killed outright (SIGKILL): the server notices and stops', { timeout: 60_000 }, async (t) => {
    const { parent, port, exited } = await npmStart(join(root, 'kill'));
    assert.equal(await accepts(port), true);
    parent.kill('SIGKILL');
    await exited;
    const ms = await closedWithin(port, 5_000);
    t.diagnostic(`SIGKILL of npm start: the server stopped listening within ${ms} ms`);
  });
});
