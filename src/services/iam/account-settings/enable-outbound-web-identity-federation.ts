import { issuerUrl } from '../../../federation/issuer/issuer-url.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { alreadyEnabled, outboundFederation } from './outbound-federation.js';
import { OUTBOUND_FEDERATION, randomUuid, writeSetting } from './settings-records.js';

/**
 * Lets the account's principals call sts:GetWebIdentityToken and gives the account its issuer,
 * stored in AWS's form (`https://<uuid>.tokens.sts.global.api.aws`); enabling again after a
 * disable keeps the issuer. With KEYSMITH_ISSUER_URL the issuer reported (and signed into
 * tokens) is keysmith's own URL for it, `<url>/_keysmith/issuer/<uuid>`, whose discovery and
 * JWKS keysmith serves (src/federation/issuer/issuer-url.ts).
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
    return { IssuerIdentifier: issuerUrl(issuer, ctx.settings.issuerUrl) };
  },
});
