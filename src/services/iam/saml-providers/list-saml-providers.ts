import { isoSeconds } from '../../../kernel/iso-time.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { SAML_QUOTAS } from './saml-quotas.js';
import { samlProviderArn, samlProviders } from './saml-records.js';

const text = shape.string();

/** No paging in the model: every provider of the account (at most the quota), in name order. */
export const listSAMLProviders = defineOperation({
  name: 'ListSAMLProviders',
  action: 'iam:ListSAMLProviders',
  readOnly: true,
  input: shape.struct({}),
  authorization: { resource: () => '*' },
  output: shape.struct({ SAMLProviderList: shape.list(shape.struct({ Arn: text, ValidUntil: text, CreateDate: text })) }),
  async handler(_input, ctx) {
    const accountId = ctx.caller.accountId;
    const page = await samlProviders.list(ctx.store, accountId, { limit: SAML_QUOTAS.providersPerAccount + 1000 });
    return {
      SAMLProviderList: page.items.map((r) => ({
        Arn: samlProviderArn(accountId, r.name),
        ValidUntil: isoSeconds(r.value.validUntil),
        CreateDate: isoSeconds(r.createDate),
      })),
    };
  },
});
