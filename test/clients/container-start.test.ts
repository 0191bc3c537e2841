import { test, after } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVER_NODE_FLAGS } from '../../src/server/node-flags.js';
import { repoRoot } from '../support/paths.js';
import { envOf, execForm, parseDockerfile, stages } from '../support/dockerfile.js';
import { runProcess } from '../support/clients-process.js';

/**
 * The image's start command, run on this machine (no Docker engine here): the runtime stage's CMD
 * in a folder laid out as the image's WORKDIR (the repository: package.json, bin/, dist/src/,
 * node_modules/), with the image's ENV except KEYSMITH_HOST=127.0.0.1, a free port and a temporary
 * folder for the data volume. Its HEALTHCHECK command, run the same way, fails before the server
 * listens and passes once it is ready.
 */
const runtime = stages(parseDockerfile(readFileSync(join(repoRoot, 'Dockerfile'), 'utf8'))).at(-1)!;
const imageEnv = Object.assign({}, ...runtime.instructions.filter((i) => i.keyword === 'ENV').map(envOf)) as Record<string, string>;
const cmd = execForm(runtime.instructions.filter((i) => i.keyword === 'CMD').at(-1)!.args);
const healthcheck = execForm(/CMD\s+(\[.*\])$/.exec(runtime.instructions.find((i) => i.keyword === 'HEALTHCHECK')!.args)![1]!);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The image's command line, with `node` this Node (the image's PATH has its own). */
const local = (argv: string[]) => (argv[0] === 'node' ? [process.execPath, ...argv.slice(1)] : argv);

const dataDir = mkdtempSync(join(tmpdir(), 'keysmith-container-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

test("the image's CMD starts keysmith to a healthy /ready; its HEALTHCHECK agrees", { timeout: 60_000 }, async (t) => {
  assert.ok(existsSync(join(repoRoot, 'dist', 'src', 'cli', 'main.js')), 'built (npm test builds first)');
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...imageEnv,
    KEYSMITH_HOST: '127.0.0.1',
    KEYSMITH_PORT: String(port),
    KEYSMITH_DATA_DIR: dataDir,
    KEYSMITH_LOG_LEVEL: 'error',
  };
  const [hcFile, ...hcArgs] = local(healthcheck);
  const before = await runProcess(hcFile!, hcArgs, { env, cwd: repoRoot, timeoutMs: 10_000 });
  assert.equal(before.code, 1, 'the health check fails while nothing listens');

  // The server's Node flags (src/server/node-flags.ts) are written out in the Dockerfile: kept the same here.
  for (const flag of SERVER_NODE_FLAGS) assert.ok(cmd.includes(flag), `the image's CMD passes ${flag}: ${cmd.join(' ')}`);
  const [file, ...args] = local(cmd);
  const started = Date.now();
  const child = spawn(file!, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes(`listening on http://127.0.0.1:${port}`)) resolve();
      });
      void exited.then((code) => reject(new Error(`the image's CMD exited ${code} before listening: ${err}`)));
    });
    t.diagnostic(`${cmd.join(' ')}: listening ${Date.now() - started} ms after start`);
    assert.equal((await fetch(`http://127.0.0.1:${port}/_keysmith/ready`)).status, 200);
    const healthy = await runProcess(hcFile!, hcArgs, { env, cwd: repoRoot, timeoutMs: 10_000 });
    assert.equal(healthy.code, 0, `HEALTHCHECK: ${healthy.stderr}`);
    assert.ok(existsSync(join(dataDir, 'credentials')), 'the data volume holds the bootstrap credentials');
  } finally {
    child.kill('SIGTERM');
    assert.equal(await exited, 0, 'stops cleanly on SIGTERM (docker stop)');
  }
});
