import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { member } from '../shared/members.js';
import { removeTags } from '../shared/tags.js';
import { requireSamlProvider, samlProviders } from './saml-records.js';

/** Keys that are not there are ignored (reference §4.1). */
export const untagSAMLProvider = defineOperation({
  name: 'UntagSAMLProvider',
  action: 'iam:UntagSAMLProvider',
  readOnly: false,
  input: shape.struct({ SAMLProviderArn: member.arn(), TagKeys: member.tagKeys() }),
  authorization: { resource: (input) => input.SAMLProviderArn },
  output: 'none',
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const record = await requireSamlProvider({ ...ctx, store: tx }, input.SAMLProviderArn);
      await samlProviders.update(tx, {
        ...record,
        value: { ...record.value, tags: removeTags(record.value.tags, input.TagKeys, 'sensitive') },
      });
    });
    return undefined;
  },
});
