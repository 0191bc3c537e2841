import { AwsError } from '../../../errors/aws-error.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { withStore } from '../roles/in-transaction.js';
import { member } from '../shared/members.js';
import { requireOwnPolicy, versionNotFound } from './policy-lookup.js';
import { policyMember } from './policy-members.js';

/** The default version cannot be deleted; delete the policy itself instead (§4.4). */
export const deletePolicyVersion = defineOperation({
  name: 'DeletePolicyVersion',
  action: 'iam:DeletePolicyVersion',
  readOnly: false,
  input: shape.struct({ PolicyArn: member.arn(), VersionId: policyMember.versionId() }),
  authorization: { resource: (input) => input.PolicyArn },
  output: 'none',
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const policy = await requireOwnPolicy(
        withStore(ctx, tx),
        input.PolicyArn,
        'Cannot delete policy versions for policies outside your own account.',
      );
      if (!(await tx.managedPolicies.getVersion(policy.arn, input.VersionId))) throw versionNotFound(input.PolicyArn, input.VersionId);
      if (policy.defaultVersionId === input.VersionId) {
        throw new AwsError('DeleteConflict', 'Cannot delete the default version of a policy.');
      }
      await tx.managedPolicies.deleteVersion(policy.arn, input.VersionId);
    });
    return undefined;
  },
});
