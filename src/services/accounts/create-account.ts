import type { Random } from '../../kernel/random.js';
import { iamArn } from '../../model/arns.js';
import { newId, newSecretAccessKey } from '../../model/unique-ids.js';
import type { Store } from '../../storage/store.js';
import type { SecretBox } from '../../tokens/secret-box.js';

export interface AccountCredentials {
  accountId: string;
  root: { accessKeyId: string; secretAccessKey: string };
  admin: { userName: string; accessKeyId: string; secretAccessKey: string };
}

export interface CreateAccountOptions {
  accountId?: string;
  adminAccessKeyId?: string;
  adminSecretAccessKey?: string;
  now: number;
}

export const ADMIN_POLICY_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';

/**
 * A new account: its root identity with an access key, and an IAM user `admin` with
 * AdministratorAccess attached and an access key. All in one transaction: an account is either
 * complete or absent.
 */
export async function createAccount(
  store: Store,
  secrets: SecretBox,
  random: Random,
  options: CreateAccountOptions,
): Promise<AccountCredentials> {
  const accountId = options.accountId ?? randomAccountId(random);
  const rootKeyId = newId('AKIA', accountId, random);
  const rootSecret = newSecretAccessKey(random);
  const adminKeyId = options.adminAccessKeyId ?? newId('AKIA', accountId, random);
  const adminSecret = options.adminSecretAccessKey ?? newSecretAccessKey(random);
  const userId = newId('AIDA', accountId, random);
  await store.transaction(async (tx) => {
    await tx.accounts.create({ accountId, createDate: options.now });
    await tx.accessKeys.create({
      accessKeyId: rootKeyId,
      accountId,
      userName: null,
      status: 'Active',
      secretSealed: secrets.seal(rootSecret, rootKeyId),
      createDate: options.now,
    });
    await tx.users.create({
      accountId,
      userName: 'admin',
      userId,
      path: '/',
      arn: iamArn(accountId, 'user', '/', 'admin'),
      createDate: options.now,
      tags: [],
    });
    await tx.attachments.attach({ accountId, ownerKind: 'user', ownerId: userId, policyArn: ADMIN_POLICY_ARN });
    await tx.accessKeys.create({
      accessKeyId: adminKeyId,
      accountId,
      userName: 'admin',
      status: 'Active',
      secretSealed: secrets.seal(adminSecret, adminKeyId),
      createDate: options.now,
    });
  });
  return {
    accountId,
    root: { accessKeyId: rootKeyId, secretAccessKey: rootSecret },
    admin: { userName: 'admin', accessKeyId: adminKeyId, secretAccessKey: adminSecret },
  };
}

function randomAccountId(random: Random): string {
  let id = '';
  for (const b of random.bytes(12)) id += String(b % 10);
  // Account ids never start with 0 in practice; keep them readable.
  return id[0] === '0' ? `1${id.slice(1)}` : id;
}
