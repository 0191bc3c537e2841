import { describe, it, after } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateUserCommand, DeleteUserCommand, GetUserCommand, IAMServiceException } from '@aws-sdk/client-iam';
import { SERVER_NODE_FLAGS } from '../../src/server/node-flags.js';
import { childCommandLines } from '../support/child-processes.js';
import { repoRoot } from '../support/paths.js';
import { iamClient } from '../support/sdk-clients.js';
import { TEST_ADMIN } from '../support/server.js';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

describe('keysmith serve --workers 2', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'keysmith-workers-'));
  let child: ChildProcess | undefined;
  after(async () => {
    if (child && child.exitCode === null) {
      await new Promise<void>((resolve) => {
        child!.on('exit', () => resolve());
        child!.kill('SIGTERM');
      });
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('bootstraps once, serves from both workers, and an IAM write reaches both', async () => {
    const port = await freePort();
    child = spawn(
      process.execPath,
      [join(repoRoot, 'bin', 'keysmith.js'), 'serve', '--workers', '2', '--port', String(port), '--data-dir', dataDir],
      {
        env: {
          ...process.env,
          KEYSMITH_LOG_LEVEL: 'error',
          KEYSMITH_ADMIN_ACCESS_KEY_ID: TEST_ADMIN.accessKeyId,
          KEYSMITH_ADMIN_SECRET_ACCESS_KEY: TEST_ADMIN.secretAccessKey,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child!.stdout!.on('data', (d) => {
        out += d;
        if (out.includes('listening on')) resolve();
      });
      child!.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
    });
    assert.equal(out.match(/created account/g)?.length, 1, 'the bootstrap banner is printed once');
    // Each worker runs with the server's Node flags (src/server/node-flags.ts).
    const workers = childCommandLines(child.pid!);
    assert.equal(workers.length, 2);
    for (const argv of workers)
      for (const flag of SERVER_NODE_FLAGS) assert.ok(argv.includes(flag), `worker started with ${flag}: ${argv.join(' ')}`);
    const iam = iamClient(`http://127.0.0.1:${port}`, TEST_ADMIN);
    await iam.send(new CreateUserCommand({ UserName: 'everywhere' }));
    // New connections are spread over the workers; every one must see the user.
    const calls = () =>
      Array.from({ length: 20 }, () =>
        iamClient(`http://127.0.0.1:${port}`, TEST_ADMIN).send(new GetUserCommand({ UserName: 'everywhere' })),
      );
    await new Promise((r) => setTimeout(r, 800));
    for (const r of await Promise.all(calls())) assert.equal(r.User?.UserName, 'everywhere');
    await iam.send(new DeleteUserCommand({ UserName: 'everywhere' }));
    await new Promise((r) => setTimeout(r, 800));
    const results = await Promise.allSettled(calls());
    for (const r of results) {
      assert.equal(r.status, 'rejected');
      assert.ok(r.reason instanceof IAMServiceException && r.reason.name === 'NoSuchEntityException');
    }
  });
});
