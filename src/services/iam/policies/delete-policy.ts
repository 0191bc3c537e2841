import { AwsError } from '../../../errors/aws-error.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { withStore } from '../roles/in-transaction.js';
import { member } from '../shared/members.js';
import { requireOwnPolicy } from './policy-lookup.js';
import { boundaryUsage } from './policy-usage.js';

/**
 * Refused while the policy is attached (or used as a permissions boundary, which would leave a
 * dangling boundary), and while versions other than the default remain (§4.4).
 */
export const deletePolicy = defineOperation({
  name: 'DeletePolicy',
  action: 'iam:DeletePolicy',
  readOnly: false,
  input: shape.struct({ PolicyArn: member.arn() }),
  authorization: { resource: (input) => input.PolicyArn },
  output: 'none',
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const policy = await requireOwnPolicy(withStore(ctx, tx), input.PolicyArn, 'Cannot delete policies outside your own account.');
      const attached = await tx.attachments.countForPolicy(policy.accountId, policy.arn);
      const boundaries = (await boundaryUsage(tx, policy.accountId)).get(policy.arn) ?? 0;
      if (attached > 0 || boundaries > 0) throw new AwsError('DeleteConflict', 'Cannot delete a policy attached to entities.');
      if ((await tx.managedPolicies.listVersions(policy.arn)).length > 1) {
        throw new AwsError(
          'DeleteConflict',
          "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
        );
      }
      await tx.managedPolicies.delete(policy.arn);
    });
    return undefined;
  },
});
