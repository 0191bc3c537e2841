import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { withStore } from '../roles/in-transaction.js';
import { member } from '../shared/members.js';
import { requireOwnPolicy, versionNotFound } from './policy-lookup.js';
import { policyMember } from './policy-members.js';

export const setDefaultPolicyVersion = defineOperation({
  name: 'SetDefaultPolicyVersion',
  action: 'iam:SetDefaultPolicyVersion',
  readOnly: false,
  input: shape.struct({ PolicyArn: member.arn(), VersionId: policyMember.versionId() }),
  authorization: { resource: (input) => input.PolicyArn },
  output: 'none',
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const policy = await requireOwnPolicy(withStore(ctx, tx), input.PolicyArn, 'Cannot update policies outside your own account.');
      if (!(await tx.managedPolicies.getVersion(policy.arn, input.VersionId))) throw versionNotFound(input.PolicyArn, input.VersionId);
      await tx.managedPolicies.update({ ...policy, defaultVersionId: input.VersionId });
    });
    return undefined;
  },
});
