import { ConfigError } from '../config/load-config.js';
import { loadConfigFromProcess } from '../config/from-process.js';
import { nodeRandom } from '../platform/node-random.js';
import { createAccount } from '../services/accounts/create-account.js';
import { writeCredentials } from '../server/credentials-file.js';
import { ensureDataDir, generateKey, readOrCreateSecretFile } from '../server/data-dir.js';
import { openStore } from '../storage/open-store.js';
import { SecretBox } from '../tokens/secret-box.js';

/**
 * `keysmith account create [--account-id ID] [--data-dir D | --database-url URL]`: adds an account
 * with root credentials and an `admin` user, straight in the store (the server need not run;
 * a running server sees the new keys on their first use).
 */
export async function run(argv: string[]): Promise<number> {
  let json = false;
  const rest = argv.filter((a) => (a === '--json' ? ((json = true), false) : true));
  let config;
  try {
    config = loadConfigFromProcess(rest);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`keysmith account create: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  ensureDataDir(config.dataDir);
  const atRestKey = config.atRestKey ?? readOrCreateSecretFile(config.dataDir, 'at-rest.key', generateKey);
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (config.accountId && (await store.accounts.get(config.accountId))) {
      process.stderr.write(`keysmith account create: account ${config.accountId} already exists\n`);
      return 1;
    }
    const creds = await createAccount(store, new SecretBox(Buffer.from(atRestKey, 'base64')), nodeRandom, {
      accountId: config.accountId,
      now: Date.now(),
    });
    const path = writeCredentials(config.dataDir, creds, false);
    if (json) process.stdout.write(`${JSON.stringify(creds, null, 2)}\n`);
    else {
      process.stdout.write(
        `created account ${creds.accountId}\n` +
          `  admin: ${creds.admin.accessKeyId} / ${creds.admin.secretAccessKey}\n` +
          `  root:  ${creds.root.accessKeyId} / ${creds.root.secretAccessKey}\n` +
          `  profiles ${creds.accountId}-admin and ${creds.accountId}-root added to ${path}\n`,
      );
    }
    return 0;
  } finally {
    await store.close();
  }
}
