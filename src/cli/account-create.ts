import { nodeRandom } from '../platform/node-random.js';
import { createAccount } from '../services/accounts/create-account.js';
import { writeCredentials } from '../server/credentials-file.js';
import { parseOrExit, processOut, type CliOut } from './args.js';
import { configArgv, openConfiguredStore } from './configured-store.js';
import { ACCOUNT_CREATE } from './specs.js';

/**
 * `keysmith account create [--account-id ID] [--json] [--data-dir D | --database-url URL]`: adds
 * an account with root credentials and an `admin` user, straight in the store (the server need
 * not run; a running server sees the new keys on their first use).
 */
export async function run(argv: string[], io: CliOut = processOut): Promise<number> {
  const parsed = parseOrExit(ACCOUNT_CREATE, argv, io);
  if (typeof parsed === 'number') return parsed;
  const json = parsed.values.json === true;
  const opened = await openConfiguredStore('account create', configArgv(parsed.values), io.stderr);
  if (!opened) return 2;
  const { config, store, secrets } = opened;
  try {
    if (config.accountId && (await store.accounts.get(config.accountId))) {
      io.stderr(`keysmith account create: account ${config.accountId} already exists\n`);
      return 1;
    }
    const creds = await createAccount(store, secrets, nodeRandom, { accountId: config.accountId, now: Date.now() });
    const path = writeCredentials(config.dataDir, creds, false);
    if (json) io.stdout(`${JSON.stringify(creds, null, 2)}\n`);
    else {
      io.stdout(
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
