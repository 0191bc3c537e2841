import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { member } from '../shared/members.js';
import { mergeTags } from '../shared/tags.js';
import { requireSamlProvider, samlProviders } from './saml-records.js';

/** Provider tag keys compare exactly (reference §4.1). */
export const tagSAMLProvider = defineOperation({
  name: 'TagSAMLProvider',
  action: 'iam:TagSAMLProvider',
  readOnly: false,
  input: shape.struct({ SAMLProviderArn: member.arn(), Tags: { ...member.tags(), required: true as const } }),
  authorization: { resource: (input) => input.SAMLProviderArn },
  output: 'none',
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const record = await requireSamlProvider({ ...ctx, store: tx }, input.SAMLProviderArn);
      await samlProviders.update(tx, {
        ...record,
        value: { ...record.value, tags: mergeTags(record.value.tags, input.Tags, 'sensitive') },
      });
    });
    return undefined;
  },
});
