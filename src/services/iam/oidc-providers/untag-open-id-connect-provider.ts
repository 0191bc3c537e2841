import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { member } from '../shared/members.js';
import { removeTags } from '../shared/tags.js';
import { oidcMember } from './oidc-members.js';
import { oidcProviders, requireOidcProvider } from './oidc-records.js';

/** Keys that are not there are ignored (reference §4.1). */
export const untagOpenIDConnectProvider = defineOperation({
  name: 'UntagOpenIDConnectProvider',
  action: 'iam:UntagOpenIDConnectProvider',
  readOnly: false,
  input: shape.struct({ OpenIDConnectProviderArn: oidcMember.arn(), TagKeys: member.tagKeys() }),
  authorization: { resource: (input) => input.OpenIDConnectProviderArn },
  output: 'none',
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const record = await requireOidcProvider({ ...ctx, store: tx }, input.OpenIDConnectProviderArn);
      await oidcProviders.update(tx, {
        ...record,
        value: { ...record.value, tags: removeTags(record.value.tags, input.TagKeys, 'sensitive') },
      });
    });
    return undefined;
  },
});
