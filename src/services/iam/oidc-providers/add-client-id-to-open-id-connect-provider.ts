import { AwsError } from '../../../errors/aws-error.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { OIDC_QUOTAS, TOO_MANY_CLIENT_IDS } from './oidc-quotas.js';
import { oidcMember } from './oidc-members.js';
import { oidcProviders, requireOidcProvider } from './oidc-records.js';

/** Idempotent (API reference): a client id already registered changes nothing. */
export const addClientIDToOpenIDConnectProvider = defineOperation({
  name: 'AddClientIDToOpenIDConnectProvider',
  action: 'iam:AddClientIDToOpenIDConnectProvider',
  readOnly: false,
  input: shape.struct({ OpenIDConnectProviderArn: oidcMember.arn(), ClientID: oidcMember.clientId() }),
  authorization: { resource: (input) => input.OpenIDConnectProviderArn },
  output: 'none',
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const record = await requireOidcProvider({ ...ctx, store: tx }, input.OpenIDConnectProviderArn);
      if (record.value.clientIds.includes(input.ClientID)) return;
      if (record.value.clientIds.length >= OIDC_QUOTAS.clientIdsPerProvider) throw new AwsError('LimitExceeded', TOO_MANY_CLIENT_IDS);
      await oidcProviders.update(tx, { ...record, value: { ...record.value, clientIds: [...record.value.clientIds, input.ClientID] } });
    });
    return undefined;
  },
});
