import type { Random } from '../../../kernel/random.js';
import { RECORD_KINDS } from '../../../model/record-kinds.js';
import type { Store } from '../../../storage/store.js';
import { recordKind, type StoredRecord } from '../shared/records.js';

/**
 * Account-wide settings, one `account-settings` record each, named by the setting; `ownerId` is
 * the account id (the root's own). GetAccountSummary reads `sts` for GlobalEndpointTokenVersion.
 */
export const accountSettings = recordKind<StsPreferencesValue | OutboundFederationValue>(RECORD_KINDS.accountSettings);

export const STS_PREFERENCES = 'sts';
export const OUTBOUND_FEDERATION = 'outbound-web-identity-federation';

/** SetSecurityTokenServicePreferences: 1 = v1Token (the default), 2 = v2Token. */
export interface StsPreferencesValue {
  globalEndpointTokenVersion: 1 | 2;
}

/**
 * Outbound web identity federation, once enabled: the issuer stays the account's own when the
 * feature is disabled and enabled again (AWS: "a unique issuer URL for your AWS account").
 */
export interface OutboundFederationValue {
  issuerIdentifier: string;
  enabled: boolean;
}

export async function readSetting<T extends StsPreferencesValue | OutboundFederationValue>(
  store: Store,
  accountId: string,
  name: string,
): Promise<StoredRecord<T> | undefined> {
  return (await accountSettings.get(store, accountId, name)) as StoredRecord<T> | undefined;
}

/** Creates or replaces one setting. */
export async function writeSetting(
  store: Store,
  accountId: string,
  name: string,
  value: StsPreferencesValue | OutboundFederationValue,
  now: number,
): Promise<void> {
  const existing = await accountSettings.get(store, accountId, name);
  if (existing) await accountSettings.update(store, { ...existing, value });
  else await accountSettings.create(store, { accountId, name, path: '/', ownerId: accountId, createDate: now, value });
}

/** A random (version 4) UUID from the request's random source, so tests can reproduce it. */
export function randomUuid(random: Random): string {
  const b = random.bytes(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
