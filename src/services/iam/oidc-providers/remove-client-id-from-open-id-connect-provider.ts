import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { oidcMember } from './oidc-members.js';
import { oidcProviders, requireOidcProvider } from './oidc-records.js';

/** Idempotent (API reference): removing a client id that is not registered succeeds. */
export const removeClientIDFromOpenIDConnectProvider = defineOperation({
  name: 'RemoveClientIDFromOpenIDConnectProvider',
  action: 'iam:RemoveClientIDFromOpenIDConnectProvider',
  readOnly: false,
  input: shape.struct({ OpenIDConnectProviderArn: oidcMember.arn(), ClientID: oidcMember.clientId() }),
  authorization: { resource: (input) => input.OpenIDConnectProviderArn },
  output: 'none',
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const record = await requireOidcProvider({ ...ctx, store: tx }, input.OpenIDConnectProviderArn);
      if (!record.value.clientIds.includes(input.ClientID)) return;
      const clientIds = record.value.clientIds.filter((c) => c !== input.ClientID);
      await oidcProviders.update(tx, { ...record, value: { ...record.value, clientIds } });
    });
    return undefined;
  },
});
