import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { member } from '../shared/members.js';
import { mergeTags } from '../shared/tags.js';
import { oidcMember } from './oidc-members.js';
import { oidcProviders, requireOidcProvider } from './oidc-records.js';

/** Provider tag keys compare exactly (reference §4.1); going past 50 is LimitExceeded (recorded). */
export const tagOpenIDConnectProvider = defineOperation({
  name: 'TagOpenIDConnectProvider',
  action: 'iam:TagOpenIDConnectProvider',
  readOnly: false,
  input: shape.struct({ OpenIDConnectProviderArn: oidcMember.arn(), Tags: { ...member.tags(), required: true as const } }),
  authorization: { resource: (input) => input.OpenIDConnectProviderArn },
  output: 'none',
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const record = await requireOidcProvider({ ...ctx, store: tx }, input.OpenIDConnectProviderArn);
      await oidcProviders.update(tx, {
        ...record,
        value: { ...record.value, tags: mergeTags(record.value.tags, input.Tags, 'sensitive') },
      });
    });
    return undefined;
  },
});
