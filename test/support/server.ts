import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load-config.js';
import type { Config } from '../../src/config/schema.js';
import type { Clock } from '../../src/kernel/clock.js';
import { startKeysmith, type RunningKeysmith } from '../../src/server/start.js';
import { createLogger } from '../../src/platform/node-logger.js';
import type { Logger } from '../../src/kernel/logger.js';
import type { App } from '../../src/server/app.js';

export const TEST_ACCOUNT_ID = '123456789012';
export const TEST_ADMIN = {
  accessKeyId: 'AKIAKEYSMITHTESTADM1',
  secretAccessKey: 'keysmith/test/admin/secret/0000000000000',
};

/**
 * The app behind each running test server's URL: SDK v3 clients of a test server (sdk-clients.ts)
 * call it in-process, through `app.handle`, instead of over the socket.
 */
const appsByUrl = new Map<string, App>();

/** The in-process app of a test server started by this process, if `url` is one. */
export function appAt(url: string): App | undefined {
  return appsByUrl.get(url.replace(/\/+$/, ''));
}

export interface TestServer {
  url: string;
  accountId: string;
  admin: { accessKeyId: string; secretAccessKey: string };
  /** Root credentials of the first account. */
  root: { accessKeyId: string; secretAccessKey: string };
  dataDir: string;
  keysmith: RunningKeysmith;
  close(): Promise<void>;
}

/**
 * A real keysmith on 127.0.0.1 with a random port and a fresh temp data folder (SQLite unless
 * `env` says otherwise). Fixed admin keys make client set-up simple. `options.clock` replaces the
 * server's clock (expiry and token-issue-time tests move it by hand); `options.logger` receives its
 * log (tests that read what the server logged).
 */
export async function startTestServer(
  env: Record<string, string> = {},
  options: { clock?: Clock; logger?: Logger } = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'keysmith-test-'));
  const config: Readonly<Config> = loadConfig([], {
    KEYSMITH_PORT: '0',
    KEYSMITH_DATA_DIR: dataDir,
    KEYSMITH_ACCOUNT_ID: TEST_ACCOUNT_ID,
    KEYSMITH_ADMIN_ACCESS_KEY_ID: TEST_ADMIN.accessKeyId,
    KEYSMITH_ADMIN_SECRET_ACCESS_KEY: TEST_ADMIN.secretAccessKey,
    KEYSMITH_LOG_LEVEL: 'error',
    ...env,
  });
  const keysmith = await startKeysmith(config, { logger: options.logger ?? createLogger('error'), clock: options.clock });
  // A second node on a database another node already bootstrapped has no root keys to report;
  // reading `root` there is a test bug and says so.
  const bootstrapped = keysmith.bootstrap?.root;
  const root =
    bootstrapped ??
    new Proxy({} as { accessKeyId: string; secretAccessKey: string }, {
      get() {
        throw new Error('this test server joined an existing database: it has no bootstrap root credentials');
      },
    });
  appsByUrl.set(keysmith.url.replace(/\/+$/, ''), keysmith.app);
  return {
    url: keysmith.url,
    accountId: TEST_ACCOUNT_ID,
    admin: TEST_ADMIN,
    root,
    dataDir,
    keysmith,
    async close() {
      appsByUrl.delete(keysmith.url.replace(/\/+$/, ''));
      await keysmith.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
