import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { withStore } from '../roles/in-transaction.js';
import { member } from '../shared/members.js';
import { mergeTags } from '../shared/tags.js';
import { requireOwnPolicy } from './policy-lookup.js';

/** Managed-policy tag keys are case-sensitive: `a` and `A` are two tags (§4.1). */
export const tagPolicy = defineOperation({
  name: 'TagPolicy',
  action: 'iam:TagPolicy',
  readOnly: false,
  input: shape.struct({ PolicyArn: member.arn(), Tags: { ...member.tags(), required: true as const } }),
  authorization: { resource: (input) => input.PolicyArn },
  output: 'none',
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const policy = await requireOwnPolicy(withStore(ctx, tx), input.PolicyArn, 'Cannot update policies outside your own account.');
      await tx.managedPolicies.update({ ...policy, tags: mergeTags(policy.tags, input.Tags, 'sensitive') });
    });
    return undefined;
  },
});
