import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { withStore } from '../roles/in-transaction.js';
import { member } from '../shared/members.js';
import { removeTags } from '../shared/tags.js';
import { requireOwnPolicy } from './policy-lookup.js';

export const untagPolicy = defineOperation({
  name: 'UntagPolicy',
  action: 'iam:UntagPolicy',
  readOnly: false,
  input: shape.struct({ PolicyArn: member.arn(), TagKeys: member.tagKeys() }),
  authorization: { resource: (input) => input.PolicyArn },
  output: 'none',
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const policy = await requireOwnPolicy(withStore(ctx, tx), input.PolicyArn, 'Cannot update policies outside your own account.');
      await tx.managedPolicies.update({ ...policy, tags: removeTags(policy.tags, input.TagKeys, 'sensitive') });
    });
    return undefined;
  },
});
