import { describe, it, after } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/paths.js';

/**
 * What `keysmith serve` tells its user (issue 10): where the bootstrap credentials are (an absolute
 * path, whatever --data-dir said), "shown once" only for keys it generated and printed, the
 * request log on stderr (JSON lines into a pipe, text when asked), and a last line saying it
 * stopped and why.
 */
const bin = join(repoRoot, 'bin', 'keysmith.js');

interface Served {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function serve(cwd: string, dataDir: string, env: Record<string, string>): Promise<Served> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--data-dir', dataDir], {
    cwd,
    env: { ...process.env, KEYSMITH_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve({ child, url: m[1]!, stdout: () => out, stderr: () => err, exited });
    });
    void exited.then((code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}

async function stop(s: Served, signal: NodeJS.Signals): Promise<number | null> {
  s.child.kill(signal);
  return s.exited;
}

describe('keysmith serve: what it says', () => {
  const root = mkdtempSync(join(tmpdir(), 'keysmith-messages-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  it('generated keys: printed once, with the absolute path of the credentials file; a request line in JSON; "keysmith stopped (SIGTERM)"', async () => {
    const s = await serve(root, 'generated', {});
    const credentials = join(root, 'generated', 'credentials');
    assert.match(s.stdout(), /aws_secret_access_key = \S+/);
    assert.ok(s.stdout().includes(`These are shown once; they are also in ${credentials} (mode 0600, profile "default").`), s.stdout());
    assert.ok(s.stdout().includes(`AWS_SHARED_CREDENTIALS_FILE=${credentials} `), s.stdout());

    await (await fetch(`${s.url}/?Action=ListUsers&Version=2010-05-08`)).text();
    assert.equal(await stop(s, 'SIGTERM'), 0);
    assert.match(s.stdout(), /\nkeysmith stopped \(SIGTERM\)\n$/);
    // stderr is a pipe: JSON lines, the request among them.
    const lines = s
      .stderr()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = lines.filter((l) => l.msg === 'request');
    assert.equal(requests.length, 1, s.stderr());
    assert.equal(requests[0]!.action, 'ListUsers');
    assert.equal(requests[0]!.errorCode, 'MissingAuthenticationToken');

    // A restart bootstraps nothing and prints no key.
    const again = await serve(root, 'generated', {});
    assert.doesNotMatch(again.stdout(), /created account|shown once|aws_secret_access_key/);
    assert.equal(await stop(again, 'SIGINT'), 0);
    assert.match(again.stdout(), /keysmith stopped \(SIGINT\)\n$/);
  });

  it('keys given by the environment: never printed, never "shown once"; KEYSMITH_LOG_FORMAT=text', async () => {
    const secret = 'given/by/the/environment/00000000000000000';
    const s = await serve(root, join(root, 'given'), {
      KEYSMITH_ADMIN_ACCESS_KEY_ID: 'AKIAGIVENBYTHEENV001',
      KEYSMITH_ADMIN_SECRET_ACCESS_KEY: secret,
      KEYSMITH_LOG_FORMAT: 'text',
    });
    assert.ok(!s.stdout().includes(secret));
    assert.doesNotMatch(s.stdout(), /shown once/);
    assert.ok(s.stdout().includes(`saved in ${join(root, 'given', 'credentials')} (mode 0600, profile "default").`), s.stdout());
    await (await fetch(`${s.url}/?Action=ListUsers&Version=2010-05-08`)).text();
    assert.equal(await stop(s, 'SIGTERM'), 0);
    assert.match(
      s.stderr(),
      /^\S+ INFO {2}request service=iam action=ListUsers status=403 errorCode=MissingAuthenticationToken durationMs=/m,
    );
    assert.ok(!s.stderr().includes(secret));
  });
});
