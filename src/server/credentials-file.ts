import { appendFileSync, chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AccountCredentials } from '../services/accounts/create-account.js';

export const CREDENTIALS_FILE = 'credentials';

/**
 * Writes an account's credentials in AWS shared-credentials format (mode 0600). The first
 * account's admin is the `default` profile, so `AWS_SHARED_CREDENTIALS_FILE=<data-dir>/credentials`
 * is all a client needs; each account also gets `<id>-admin` and `<id>-root` profiles.
 */
export function writeCredentials(dataDir: string, creds: AccountCredentials, first: boolean): string {
  const path = join(dataDir, CREDENTIALS_FILE);
  const profile = (name: string, keyId: string, secret: string) =>
    `[${name}]\naws_access_key_id = ${keyId}\naws_secret_access_key = ${secret}\n\n`;
  let text = '';
  if (first) text += profile('default', creds.admin.accessKeyId, creds.admin.secretAccessKey);
  text += profile(`${creds.accountId}-admin`, creds.admin.accessKeyId, creds.admin.secretAccessKey);
  text += profile(`${creds.accountId}-root`, creds.root.accessKeyId, creds.root.secretAccessKey);
  if (existsSync(path)) appendFileSync(path, text);
  else writeFileSync(path, text, { mode: 0o600 });
  chmodSync(path, 0o600);
  return path;
}
