import { describe, it, after } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, createHmac, randomBytes, type Hash, type Hmac } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SignatureV4 } from '@smithy/signature-v4';
import { CreateAccessKeyCommand, CreateUserCommand } from '@aws-sdk/client-iam';
import { repoRoot } from '../support/paths.js';
import { iamClient } from '../support/sdk-clients.js';

/**
 * Everything `keysmith serve` creates in its data folder is owner-only (files 0600, folders
 * 0700), also when the folder existed before, and files an older version left looser are
 * tightened with a warning. Runs the real binary with a umask of 022 (the usual default) so that
 * nothing passes only because the test's environment was strict already.
 */
const bin = join(repoRoot, 'bin', 'keysmith.js');

interface Running {
  child: ChildProcess;
  url: string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function serve(dataDir: string): Promise<Running> {
  const child = spawn(
    '/bin/sh',
    ['-c', 'umask 022 && exec "$0" "$@"', process.execPath, bin, 'serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir],
    {
      env: { ...process.env, KEYSMITH_LOG_LEVEL: 'warn', KEYSMITH_AUDIT_DATA_EVENTS: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve({ child, url: m[1]!, stderr: () => err, exited });
    });
    void exited.then((code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}

/** Every file and folder under `dir` (not `dir` itself) with its permission bits. */
function modesUnder(dir: string): Array<{ path: string; mode: number; folder: boolean }> {
  const out: Array<{ path: string; mode: number; folder: boolean }> = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const info = statSync(path);
    out.push({ path, mode: info.mode & 0o777, folder: info.isDirectory() });
    if (info.isDirectory()) out.push(...modesUnder(path));
  }
  return out;
}

function assertOwnerOnly(dir: string, expectPresent: string[]): void {
  const entries = modesUnder(dir);
  const names = entries.map((e) => e.path.slice(dir.length + 1));
  for (const name of expectPresent) assert.ok(names.includes(name), `${name} exists (have: ${names.join(', ')})`);
  const loose = entries.filter((e) => (e.mode & 0o077) !== 0).map((e) => `${e.path} ${e.mode.toString(8)}`);
  assert.deepEqual(loose, [], 'every file and folder keysmith made is owner-only');
  for (const e of entries) assert.equal(e.mode, e.folder ? 0o700 : 0o600, `${e.path} is ${e.mode.toString(8)}`);
}

type Bytes = string | ArrayBuffer | ArrayBufferView;
const bytes = (data: Bytes): Buffer =>
  typeof data === 'string'
    ? Buffer.from(data, 'utf8')
    : data instanceof ArrayBuffer
      ? Buffer.from(data)
      : Buffer.from(data.buffer, data.byteOffset, data.byteLength);

class NodeSha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: Bytes) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: Bytes): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

/** A signed path-style S3 request (the SDK's own SigV4 signer). */
async function s3(
  url: string,
  creds: { accessKeyId: string; secretAccessKey: string },
  method: 'PUT' | 'GET',
  path: string,
  body = '',
): Promise<number> {
  const target = new URL(url);
  const signer = new SignatureV4({
    credentials: creds,
    region: 'us-east-1',
    service: 's3',
    sha256: NodeSha256,
    uriEscapePath: false,
    applyChecksum: false,
  });
  const signed = await signer.sign({
    method,
    protocol: 'http:',
    hostname: target.hostname,
    port: Number(target.port),
    path,
    query: {},
    headers: { host: target.host, 'x-amz-content-sha256': createHash('sha256').update(body).digest('hex') },
    body: method === 'PUT' ? body : undefined,
  });
  const headers = Object.fromEntries(Object.entries(signed.headers).filter(([k]) => k.toLowerCase() !== 'host'));
  const res = await fetch(`${url}${path}`, { method, headers, body: method === 'PUT' ? body : undefined });
  await res.arrayBuffer();
  return res.status;
}

function adminOf(dataDir: string): { accessKeyId: string; secretAccessKey: string } {
  const section = readFileSync(join(dataDir, 'credentials'), 'utf8').split('[default]')[1]!;
  return {
    accessKeyId: /aws_access_key_id = (\S+)/.exec(section)![1]!,
    secretAccessKey: /aws_secret_access_key = (\S+)/.exec(section)![1]!,
  };
}

/** IAM writes, S3 bucket and object writes: the database, the audit file and object files all get written. */
async function exercise(url: string, dataDir: string): Promise<void> {
  const admin = adminOf(dataDir);
  const iam = iamClient(url, admin);
  const user = `u${randomBytes(4).toString('hex')}`;
  await iam.send(new CreateUserCommand({ UserName: user }));
  await iam.send(new CreateAccessKeyCommand({ UserName: user }));
  const bucket = `modes-${randomBytes(4).toString('hex')}`;
  assert.equal(await s3(url, admin, 'PUT', `/${bucket}`), 200);
  assert.equal(await s3(url, admin, 'PUT', `/${bucket}/hello.txt`, 'hello'), 200);
  assert.equal(await s3(url, admin, 'GET', `/${bucket}/hello.txt`), 200);
  // The audit worker writes in batches (200 ms by default).
  await new Promise((r) => setTimeout(r, 600));
}

async function stop(running: Running): Promise<void> {
  running.child.kill('SIGTERM');
  assert.equal(await running.exited, 0);
}

const EXPECTED = [
  'keysmith.db',
  'keysmith.db-wal',
  'keysmith.db-shm',
  'at-rest.key',
  'admin-token',
  'credentials',
  'audit.jsonl',
  'objects',
  'objects/tmp',
  'objects/blobs',
];

describe('file modes in the data folder', () => {
  const roots: string[] = [];
  after(() => {
    for (const r of roots) rmSync(r, { recursive: true, force: true });
  });

  it('a data folder that already exists: every file 0600, every folder 0700, during and after a run', { timeout: 60_000 }, async () => {
    // mkdtemp makes the folder (0700) beforehand, as an operator or a volume mount would.
    const dataDir = mkdtempSync(join(tmpdir(), 'keysmith-modes-'));
    roots.push(dataDir);
    const running = await serve(dataDir);
    await exercise(running.url, dataDir);
    assertOwnerOnly(dataDir, EXPECTED);
    assert.equal(statSync(dataDir).mode & 0o777, 0o700);
    await stop(running);
    assertOwnerOnly(
      dataDir,
      EXPECTED.filter((n) => !n.startsWith('keysmith.db-')),
    );

    // A second start recreates the WAL files: still owner-only.
    const again = await serve(dataDir);
    await exercise(again.url, dataDir);
    assertOwnerOnly(dataDir, EXPECTED);
    await stop(again);
  });

  it(
    'files an older version left readable by others are made 0600, with a warning; a loose folder is warned about',
    { timeout: 60_000 },
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'keysmith-modes-legacy-'));
      roots.push(dataDir);
      chmodSync(dataDir, 0o755);
      // What an older keysmith left: a database SQLite made 0644, a key file made loose by hand.
      const db = new Database(join(dataDir, 'keysmith.db'));
      db.pragma('journal_mode = WAL');
      db.close();
      chmodSync(join(dataDir, 'keysmith.db'), 0o644);
      writeFileSync(join(dataDir, 'at-rest.key'), `${randomBytes(32).toString('base64')}\n`);
      chmodSync(join(dataDir, 'at-rest.key'), 0o644);

      const running = await serve(dataDir);
      await exercise(running.url, dataDir);
      assertOwnerOnly(dataDir, EXPECTED);
      const warnings = running.stderr();
      assert.match(warnings, /"msg":"made a keysmith file owner-only \(mode 0600\)","path":"[^"]*keysmith\.db","was":"0644"/);
      assert.match(warnings, /"msg":"made a keysmith file owner-only \(mode 0600\)","path":"[^"]*at-rest\.key","was":"0644"/);
      assert.match(warnings, /the data folder is open to other users.*"mode":"0755"/);
      // The folder is the operator's: warned about, left as it was.
      assert.equal(statSync(dataDir).mode & 0o777, 0o755);
      await stop(running);
    },
  );
});
