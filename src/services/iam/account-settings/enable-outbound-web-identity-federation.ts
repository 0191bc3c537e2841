import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { alreadyEnabled, outboundFederation } from './outbound-federation.js';
import { OUTBOUND_FEDERATION, randomUuid, writeSetting } from './settings-records.js';

/**
 * Lets the account's principals call sts:GetWebIdentityToken and gives the account its issuer
 * URL, in AWS's form (`https://<uuid>.tokens.sts.global.api.aws`); enabling again after a
 * disable keeps the issuer. TODO(issue 12): the issuer becomes keysmith's own discovery URL when
 * keysmith vends the tokens and serves `/.well-known/jwks.json`.
 */
export const enableOutboundWebIdentityFederation = defineOperation({
  name: 'EnableOutboundWebIdentityFederation',
  action: 'iam:EnableOutboundWebIdentityFederation',
  readOnly: false,
  input: shape.struct({}),
  authorization: { resource: () => '*' },
  output: shape.struct({ IssuerIdentifier: shape.string() }),
  async handler(_input, ctx) {
    const accountId = ctx.caller.accountId;
    const issuer = await ctx.store.transaction(async (tx) => {
      const current = await outboundFederation(tx, accountId);
      if (current?.enabled) throw alreadyEnabled();
      const issuerIdentifier = current?.issuerIdentifier ?? `https://${randomUuid(ctx.random)}.tokens.sts.global.api.aws`;
      await writeSetting(tx, accountId, OUTBOUND_FEDERATION, { issuerIdentifier, enabled: true }, ctx.now);
      return issuerIdentifier;
    });
    return { IssuerIdentifier: issuer };
  },
});
