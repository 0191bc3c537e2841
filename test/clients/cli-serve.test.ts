import { describe, it, after } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CreateUserCommand, GetUserCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { repoRoot } from '../support/paths.js';
import { iamClient, stsClient } from '../support/sdk-clients.js';

const bin = join(repoRoot, 'bin', 'keysmith.js');
const run = promisify(execFile);

/** Starts `keysmith serve` as a user would and waits for its "listening on" line. */
function serve(dataDir: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string; stdout: () => string }> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--data-dir', dataDir], {
    env: { ...process.env, KEYSMITH_LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve({ child, url: m[1]!, stdout: () => out });
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function profile(text: string, name: string): { accessKeyId: string; secretAccessKey: string } {
  const section = text.split(`[${name}]`)[1]!;
  return {
    accessKeyId: /aws_access_key_id = (\S+)/.exec(section)![1]!,
    secretAccessKey: /aws_secret_access_key = (\S+)/.exec(section)![1]!,
  };
}

describe('keysmith serve, as a new user runs it', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'keysmith-e2e-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('bootstraps an account, prints the admin key once, persists across restarts', async () => {
    const first = await serve(dataDir);
    assert.match(first.stdout(), /created account \d{12} with IAM user "admin"/);
    const credentialsPath = join(dataDir, 'credentials');
    assert.equal(statSync(credentialsPath).mode & 0o777, 0o600);
    const text = readFileSync(credentialsPath, 'utf8');
    const admin = profile(text, 'default');
    assert.match(first.stdout(), new RegExp(admin.secretAccessKey.replace(/[+/]/g, '\\$&')));
    const who = await stsClient(first.url, admin).send(new GetCallerIdentityCommand({}));
    assert.match(who.Arn!, /^arn:aws:iam::\d{12}:user\/admin$/);
    await iamClient(first.url, admin).send(new CreateUserCommand({ UserName: 'persisted' }));
    await stop(first.child);

    const second = await serve(dataDir);
    assert.doesNotMatch(second.stdout(), /created account/);
    const user = await iamClient(second.url, admin).send(new GetUserCommand({ UserName: 'persisted' }));
    assert.equal(user.User?.UserName, 'persisted');
    await stop(second.child);
  });

  it('adds accounts with `keysmith account create`', async () => {
    const { stdout } = await run(process.execPath, [
      bin,
      'account',
      'create',
      '--data-dir',
      dataDir,
      '--account-id',
      '210987654321',
      '--json',
    ]);
    const creds = JSON.parse(stdout) as { accountId: string; admin: { accessKeyId: string; secretAccessKey: string } };
    assert.equal(creds.accountId, '210987654321');
    const server = await serve(dataDir);
    const who = await stsClient(server.url, creds.admin).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, 'arn:aws:iam::210987654321:user/admin');
    assert.match(readFileSync(join(dataDir, 'credentials'), 'utf8'), /\[210987654321-root\]/);
    await stop(server.child);
    await assert.rejects(
      run(process.execPath, [bin, 'account', 'create', '--data-dir', dataDir, '--account-id', '210987654321']),
      /already exists/,
    );
  });

  it('refuses a bad setting naming it', async () => {
    await assert.rejects(run(process.execPath, [bin, 'serve', '--port', 'x']), /--port must be a port number/);
  });
});
