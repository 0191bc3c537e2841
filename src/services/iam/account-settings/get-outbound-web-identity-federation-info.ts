import { issuerUrl } from '../../../federation/issuer/issuer-url.js';
import { AwsError } from '../../../errors/aws-error.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { outboundFederation } from './outbound-federation.js';

/**
 * The account's issuer URL and whether JWT vending is on. An account that never enabled the
 * feature has no issuer: FeatureDisabled (the model lists it for this operation). Once enabled,
 * the issuer stays and a disable shows as JwtVendingEnabled false. The issuer is reported as
 * tokens carry it (keysmith's own URL under KEYSMITH_ISSUER_URL).
 */
export const getOutboundWebIdentityFederationInfo = defineOperation({
  name: 'GetOutboundWebIdentityFederationInfo',
  action: 'iam:GetOutboundWebIdentityFederationInfo',
  readOnly: true,
  input: shape.struct({}),
  authorization: { resource: () => '*' },
  output: shape.struct({ IssuerIdentifier: shape.string(), JwtVendingEnabled: shape.boolean() }),
  async handler(_input, ctx) {
    const current = await outboundFederation(ctx.store, ctx.caller.accountId);
    if (!current) throw new AwsError('FeatureDisabled', 'Outbound identity federation is not enabled for your AWS account.');
    return { IssuerIdentifier: issuerUrl(current.issuerIdentifier, ctx.settings.issuerUrl), JwtVendingEnabled: current.enabled };
  },
});
