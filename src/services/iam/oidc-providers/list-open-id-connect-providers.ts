import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { oidcProviderArn, oidcProviders } from './oidc-records.js';
import { OIDC_QUOTAS } from './oidc-quotas.js';

/** No paging in the model: the account's providers (at most the quota) in name order, ARNs only. */
export const listOpenIDConnectProviders = defineOperation({
  name: 'ListOpenIDConnectProviders',
  action: 'iam:ListOpenIDConnectProviders',
  readOnly: true,
  input: shape.struct({}),
  authorization: { resource: () => '*' },
  output: shape.struct({ OpenIDConnectProviderList: shape.list(shape.struct({ Arn: shape.string() })) }),
  async handler(_input, ctx) {
    const accountId = ctx.caller.accountId;
    const page = await oidcProviders.list(ctx.store, accountId, { limit: OIDC_QUOTAS.providersPerAccount + 1000 });
    return { OpenIDConnectProviderList: page.items.map((r) => ({ Arn: oidcProviderArn(accountId, r.name) })) };
  },
});
