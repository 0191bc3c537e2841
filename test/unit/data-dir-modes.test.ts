import { describe, it, after } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAtRestKey } from '../../src/config/at-rest-key.js';
import { ConfigError, loadConfig } from '../../src/config/load-config.js';
import { ensureWritableDir, readOrCreateSecretFile } from '../../src/server/data-dir.js';
import { createLogger } from '../../src/platform/node-logger.js';
import { startKeysmith } from '../../src/server/start.js';
import { StartError } from '../../src/server/start-error.js';
import { redactedUrl } from '../../src/storage/open-store.js';

const root = mkdtempSync(join(tmpdir(), 'keysmith-data-dir-'));
after(() => rmSync(root, { recursive: true, force: true }));

describe('the at-rest key', () => {
  it('is base64 (standard or URL-safe, padding optional) of exactly 32 bytes', () => {
    const key = randomBytes(32);
    assert.deepEqual(parseAtRestKey(key.toString('base64')), key);
    assert.deepEqual(parseAtRestKey(`${key.toString('base64')}\n`), key);
    assert.deepEqual(parseAtRestKey(key.toString('base64url')), key);
    assert.equal(parseAtRestKey(randomBytes(16).toString('base64')), undefined);
    assert.equal(parseAtRestKey(randomBytes(33).toString('base64')), undefined);
    // Node's decoder would skip the stray characters and produce some other 32 bytes.
    assert.equal(parseAtRestKey(`${key.toString('base64').slice(0, 40)}!!!=`), undefined);
    assert.equal(parseAtRestKey(''), undefined);
  });

  it('KEYSMITH_AT_REST_KEY that is not: a ConfigError with the rule, never the value', () => {
    const bad = 'c2VjcmV0LXZhbHVlLXRoYXQtaXMtbm90LTMyLWJ5dGVz';
    assert.throws(
      () => loadConfig([], { KEYSMITH_AT_REST_KEY: bad }),
      (e: unknown) =>
        e instanceof ConfigError &&
        /KEYSMITH_AT_REST_KEY \(or <data-dir>\/at-rest\.key\) must be base64 of 32 bytes/.test(e.message) &&
        !e.message.includes(bad),
    );
  });
});

describe('KEYSMITH_LOG_LEVEL', () => {
  it('accepts the four levels and names them when refusing anything else', () => {
    for (const level of ['error', 'warn', 'info', 'debug']) assert.equal(loadConfig([], { KEYSMITH_LOG_LEVEL: level }).logLevel, level);
    assert.throws(
      () => loadConfig([], { KEYSMITH_LOG_LEVEL: 'INFO' }),
      /KEYSMITH_LOG_LEVEL must be one of error, warn, info, debug, got 'INFO'/,
    );
  });
});

describe('data folder checks', () => {
  it('a folder that cannot be created fails at once, naming the setting (no endless mkdir on /proc)', { timeout: 10_000 }, () => {
    const started = Date.now();
    assert.throws(
      () => ensureWritableDir('/proc/keysmith-x/y', 'KEYSMITH_DATA_DIR / --data-dir', 'the data folder'),
      (e: unknown) => {
        return (
          e instanceof StartError &&
          /^KEYSMITH_DATA_DIR \/ --data-dir: cannot use '\/proc\/keysmith-x\/y' as the data folder/.test(e.message)
        );
      },
    );
    assert.ok(Date.now() - started < 1_000);
  });

  it('missing parents are created 0700 too', () => {
    const dir = join(root, 'a', 'b', 'c');
    ensureWritableDir(dir, 'KEYSMITH_DATA_DIR / --data-dir', 'the data folder');
    for (const d of [join(root, 'a'), join(root, 'a', 'b'), dir]) assert.equal(statSync(d).mode & 0o777, 0o700, d);
    assert.deepEqual(readdirSync(dir), [], 'the write probe leaves nothing behind');
  });

  it('secret files: generated 0600 once, read back after; malformed or unreadable ones stop the start', () => {
    const dir = join(root, 'secrets');
    mkdirSync(dir);
    const key = readOrCreateSecretFile(dir, 'at-rest.key', () => randomBytes(32).toString('base64'));
    assert.equal(statSync(join(dir, 'at-rest.key')).mode & 0o777, 0o600);
    assert.equal(
      readOrCreateSecretFile(dir, 'at-rest.key', () => 'unused'),
      key,
    );

    writeFileSync(join(dir, 'admin-token'), 'two words\n');
    assert.throws(
      () => readOrCreateSecretFile(dir, 'admin-token', () => 'unused'),
      (e: unknown) => {
        return (
          e instanceof StartError &&
          /KEYSMITH_ADMIN_TOKEN .*must be one line without spaces/.test(e.message) &&
          !e.message.includes('two words')
        );
      },
    );
    mkdirSync(join(dir, 'sub', 'at-rest.key'), { recursive: true });
    assert.throws(
      () => readOrCreateSecretFile(join(dir, 'sub'), 'at-rest.key', () => 'unused'),
      /cannot read .*\(EISDIR\).*KEYSMITH_AT_REST_KEY/,
    );
  });
});

describe('database URLs in messages', () => {
  it('lose their password and query', () => {
    assert.equal(redactedUrl('postgres://ks:hunter2@db.example:5432/keysmith?password=x'), 'postgres://ks@db.example:5432/keysmith');
    assert.equal(redactedUrl('postgres://db.example/keysmith'), 'postgres://db.example/keysmith');
  });
});

describe('file modes without the serve umask (in-process start)', () => {
  it('keysmith.db, -wal, -shm and every other file are 0600 in an existing folder', { timeout: 60_000 }, async () => {
    // The explicit modes alone must do it: the server also runs in-process, where the umask is
    // the caller's (here the common 022).
    const previous = process.umask(0o022);
    const dataDir = mkdtempSync(join(root, 'existing-'));
    try {
      const config = loadConfig(['--port', '0', '--data-dir', dataDir], { KEYSMITH_LOG_LEVEL: 'error' });
      const running = await startKeysmith(config, { logger: createLogger('error') });
      try {
        const files = readdirSync(dataDir);
        for (const name of [
          'keysmith.db',
          'keysmith.db-wal',
          'keysmith.db-shm',
          'at-rest.key',
          'admin-token',
          'credentials',
          'audit.jsonl',
        ]) {
          assert.ok(files.includes(name), `${name} exists`);
          assert.equal(statSync(join(dataDir, name)).mode & 0o777, 0o600, name);
        }
        for (const name of ['objects', 'objects/tmp', 'objects/blobs'])
          assert.equal(statSync(join(dataDir, name)).mode & 0o777, 0o700, name);
      } finally {
        await running.close();
      }
    } finally {
      process.umask(previous);
    }
  });

  it('a failed listen rejects with the setting named', { timeout: 60_000 }, async () => {
    const { createServer } = await import('node:net');
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      const config = loadConfig(['--port', String(port), '--data-dir', join(root, 'busy')], { KEYSMITH_LOG_LEVEL: 'error' });
      await assert.rejects(startKeysmith(config, { logger: createLogger('error') }), (e: unknown) => {
        return (
          e instanceof StartError &&
          new RegExp(`^KEYSMITH_PORT / --port: port ${port} on 127\\.0\\.0\\.1 is already in use`).test(e.message)
        );
      });
    } finally {
      busy.close();
    }
  });
});
