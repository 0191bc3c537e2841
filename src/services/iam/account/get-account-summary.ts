import { listAwsManagedPolicies } from '../../../model/aws-managed-policies.js';
import { RECORD_KINDS } from '../../../model/record-kinds.js';
import { QUOTAS } from '../../../model/rules.js';
import { shape } from '../../../model/shapes.js';
import type { Store } from '../../../storage/store.js';
import { defineOperation } from '../../operation.js';

/** ARNs of every managed policy an account can attach: AWS-managed ones and its own. */
async function attachablePolicyArns(store: Store, accountId: string): Promise<string[]> {
  const arns = listAwsManagedPolicies().map((p) => p.arn);
  let after: string | undefined;
  do {
    const page = await store.managedPolicies.list(accountId, { limit: 1000, after });
    arns.push(...page.items.map((p) => p.arn));
    after = page.nextMarker;
  } while (after !== undefined);
  return arns;
}

/** SetSecurityTokenServicePreferences' record (account-settings/): `{ globalEndpointTokenVersion }`. */
async function globalEndpointTokenVersion(store: Store, accountId: string): Promise<number> {
  const row = await store.records.get(RECORD_KINDS.accountSettings, accountId, 'sts');
  const version = row ? (JSON.parse(row.body) as { globalEndpointTokenVersion?: unknown }).globalEndpointTokenVersion : undefined;
  return version === 2 ? 2 : 1;
}

/**
 * The account's quotas (QUOTAS, AWS's default values) and usage counters, as the `SummaryMap`
 * AWS returns (reference §4.8). The IAM records are counted by kind; the root's own password
 * and signing certificates are the records its account id owns (RECORD_KINDS' convention).
 */
export const getAccountSummary = defineOperation({
  name: 'GetAccountSummary',
  action: 'iam:GetAccountSummary',
  readOnly: true,
  input: shape.struct({}),
  authorization: { resource: () => '*' },
  output: shape.struct({ SummaryMap: shape.map(shape.integer()) }),
  async handler(_input, ctx) {
    const accountId = ctx.caller.accountId;
    const store = ctx.store;
    let attachments = 0;
    for (const arn of await attachablePolicyArns(store, accountId)) attachments += await store.attachments.countForPolicy(accountId, arn);
    const rootKeys = await store.accessKeys.listForOwner(accountId, null);
    const { TagsPerResource: _notInSummary, ...quotas } = QUOTAS;
    const records = (kind: string, ownerId?: string) => store.records.count(kind, accountId, ownerId);
    const counters: Record<string, number> = {
      AccountAccessKeysPresent: rootKeys.length > 0 ? 1 : 0,
      // The root's own devices are enabled for the account id (its unique id).
      AccountMFAEnabled: (await store.mfaDevices.listForUser(accountId)).length > 0 ? 1 : 0,
      AccountPasswordPresent: (await records(RECORD_KINDS.loginProfile, accountId)) > 0 ? 1 : 0,
      AccountSigningCertificatesPresent: (await records(RECORD_KINDS.signingCertificate, accountId)) > 0 ? 1 : 0,
      GlobalEndpointTokenVersion: await globalEndpointTokenVersion(store, accountId),
      Groups: await store.groups.count(accountId),
      InstanceProfiles: await records(RECORD_KINDS.instanceProfile),
      MFADevices: await store.mfaDevices.count(accountId),
      MFADevicesInUse: await store.mfaDevices.count(accountId, 'Assigned'),
      Policies: await store.managedPolicies.count(accountId),
      PolicyVersionsInUse: attachments,
      Providers: (await records(RECORD_KINDS.oidcProvider)) + (await records(RECORD_KINDS.samlProvider)),
      Roles: await store.roles.count(accountId),
      ServerCertificates: await records(RECORD_KINDS.serverCertificate),
      Users: await store.users.count(accountId),
    };
    const entries = Object.entries({ ...quotas, ...counters }).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return { SummaryMap: entries };
  },
});
