import { AwsError } from '../../../errors/aws-error.js';
import type { Store } from '../../../storage/store.js';
import { OUTBOUND_FEDERATION, readSetting, type OutboundFederationValue } from './settings-records.js';

/** AWS's texts (the model's FeatureEnabled/FeatureDisabled documentation). */
export const alreadyEnabled = (): AwsError =>
  new AwsError(
    'FeatureEnabled',
    'The request failed because outbound identity federation is already enabled for your AWS account. You cannot enable the feature multiple times. To fetch the current configuration (including the unique issuer URL), use the GetOutboundWebIdentityFederationInfo operation.',
  );
export const alreadyDisabled = (): AwsError =>
  new AwsError(
    'FeatureDisabled',
    'The request failed because outbound identity federation is already disabled for your AWS account. You cannot disable the feature multiple times.',
  );

/** The account's outbound federation setting, undefined when it was never enabled. */
export async function outboundFederation(store: Store, accountId: string): Promise<OutboundFederationValue | undefined> {
  return (await readSetting<OutboundFederationValue>(store, accountId, OUTBOUND_FEDERATION))?.value;
}

/** Whether principals of the account may call sts:GetWebIdentityToken. */
export async function jwtVendingEnabled(store: Store, accountId: string): Promise<boolean> {
  return (await outboundFederation(store, accountId))?.enabled === true;
}
