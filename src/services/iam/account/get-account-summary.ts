import { listAwsManagedPolicies } from '../../../model/aws-managed-policies.js';
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

/**
 * The account's quotas (QUOTAS, AWS's default values) and usage counters, as the `SummaryMap`
 * AWS returns (reference §4.8). Features keysmith does not have (MFA, certificates, passwords,
 * instance profiles, identity providers) count 0.
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
    const counters: Record<string, number> = {
      AccountAccessKeysPresent: rootKeys.length > 0 ? 1 : 0,
      AccountMFAEnabled: 0,
      AccountPasswordPresent: 0,
      AccountSigningCertificatesPresent: 0,
      Groups: await store.groups.count(accountId),
      InstanceProfiles: 0,
      MFADevices: await store.mfaDevices.count(accountId),
      MFADevicesInUse: await store.mfaDevices.count(accountId, 'Assigned'),
      Policies: await store.managedPolicies.count(accountId),
      PolicyVersionsInUse: attachments,
      Providers: 0,
      Roles: await store.roles.count(accountId),
      ServerCertificates: 0,
      Users: await store.users.count(accountId),
    };
    const entries = Object.entries({ ...quotas, ...counters }).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return { SummaryMap: entries };
  },
});
