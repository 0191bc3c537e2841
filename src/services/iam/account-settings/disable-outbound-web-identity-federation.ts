import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { alreadyDisabled, outboundFederation } from './outbound-federation.js';
import { OUTBOUND_FEDERATION, writeSetting } from './settings-records.js';

/** Stops GetWebIdentityToken for the account; tokens already issued stay valid (AWS's doc). */
export const disableOutboundWebIdentityFederation = defineOperation({
  name: 'DisableOutboundWebIdentityFederation',
  action: 'iam:DisableOutboundWebIdentityFederation',
  readOnly: false,
  input: shape.struct({}),
  authorization: { resource: () => '*' },
  output: 'none',
  async handler(_input, ctx) {
    const accountId = ctx.caller.accountId;
    await ctx.store.transaction(async (tx) => {
      const current = await outboundFederation(tx, accountId);
      if (!current?.enabled) throw alreadyDisabled();
      await writeSetting(tx, accountId, OUTBOUND_FEDERATION, { ...current, enabled: false }, ctx.now);
    });
    return undefined;
  },
});
