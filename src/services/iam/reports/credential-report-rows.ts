import { rootArn } from '../../../model/arns.js';
import type { AccessKey, User } from '../../../model/entities.js';
import type { Store } from '../../../storage/store.js';
import { signingCertificates } from '../certificates/signing-certificate-record.js';
import { loginProfiles } from '../login-profiles/login-profile-record.js';
import type { CredentialReportRow, ReportCertificate, ReportKey, ReportPassword } from './credential-report-csv.js';
import { ROOT_ACCOUNT_USER } from './credential-report-csv.js';
import { PASSWORD_POLICY_NAME, passwordPolicies } from './report-records.js';

const DAY_MS = 24 * 60 * 60 * 1000;

function reportKey(k: AccessKey): ReportKey {
  const out: ReportKey = { active: k.status === 'Active', created: k.createDate };
  if (k.lastUsedDate !== undefined) out.lastUsed = { date: k.lastUsedDate, region: k.lastUsedRegion, service: k.lastUsedService };
  return out;
}

async function certificatesOf(store: Store, ownerId: string): Promise<ReportCertificate[]> {
  const certs = await signingCertificates.listForOwner(store, ownerId);
  return certs
    .map((c) => ({ active: c.value.status === 'Active', uploaded: Number(c.value.uploadDate ?? c.createDate) }))
    .sort((a, b) => a.uploaded - b.uploaded);
}

/** The account's maximum password age in days, or undefined when passwords never expire. */
async function maxPasswordAgeDays(store: Store, accountId: string): Promise<number | undefined> {
  const policy = await passwordPolicies.get(store, accountId, PASSWORD_POLICY_NAME);
  const days = Number(policy?.value.maxPasswordAge);
  return Number.isFinite(days) && days > 0 ? days : undefined;
}

async function passwordOf(store: Store, user: User, maxAgeDays: number | undefined): Promise<ReportPassword> {
  const profile = await loginProfiles.get(store, user.accountId, user.userId);
  if (!profile) return { kind: 'none' };
  const lastChanged = Number(profile.value.passwordLastChanged ?? profile.createDate);
  return {
    kind: 'user',
    lastUsed: profile.value.passwordLastUsed,
    lastChanged,
    nextRotation: maxAgeDays === undefined ? undefined : lastChanged + maxAgeDays * DAY_MS,
  };
}

async function userRow(store: Store, user: User, maxAgeDays: number | undefined): Promise<CredentialReportRow> {
  return {
    user: user.userName,
    arn: user.arn,
    created: user.createDate,
    password: await passwordOf(store, user, maxAgeDays),
    mfaActive: (await store.mfaDevices.listForUser(user.userId)).length > 0,
    keys: (await store.accessKeys.listForOwner(user.accountId, user.userName)).map(reportKey),
    certificates: await certificatesOf(store, user.userId),
  };
}

/**
 * Every row of an account's report: the root user first (created with the account; keysmith keeps
 * no root password or MFA device, so its password was never used as far as it knows), then the
 * users in name order, the store's list order.
 */
export async function credentialReportRows(store: Store, accountId: string): Promise<CredentialReportRow[]> {
  const account = await store.accounts.get(accountId);
  const rows: CredentialReportRow[] = [
    {
      user: ROOT_ACCOUNT_USER,
      arn: rootArn(accountId),
      created: account?.createDate ?? 0,
      password: { kind: 'root' },
      mfaActive: false,
      keys: (await store.accessKeys.listForOwner(accountId, null)).map(reportKey),
      certificates: await certificatesOf(store, accountId),
    },
  ];
  const maxAgeDays = await maxPasswordAgeDays(store, accountId);
  let after: string | undefined;
  do {
    const page = await store.users.list(accountId, { after, limit: 1000 });
    for (const user of page.items) rows.push(await userRow(store, user, maxAgeDays));
    after = page.nextMarker;
  } while (after !== undefined);
  return rows;
}
