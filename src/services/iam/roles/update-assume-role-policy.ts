import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { requireRole } from '../shared/lookups.js';
import { member } from '../shared/members.js';
import { roleResource } from '../shared/resources.js';
import { withStore } from './in-transaction.js';
import { checkTrustPolicy } from './trust-policy.js';
import { refuseServiceLinkedRole } from './service-linked-guard.js';

export const updateAssumeRolePolicy = defineOperation({
  name: 'UpdateAssumeRolePolicy',
  action: 'iam:UpdateAssumeRolePolicy',
  readOnly: false,
  input: shape.struct({ RoleName: member.entityName(64), PolicyDocument: member.policyDocument() }),
  authorization: { resource: (input, ctx) => roleResource(ctx, input.RoleName) },
  output: 'none',
  async handler(input, ctx) {
    // The role's existence is reported before the document's problems.
    refuseServiceLinkedRole(await requireRole(ctx, input.RoleName));
    await checkTrustPolicy(ctx, input.PolicyDocument);
    await ctx.store.transaction(async (tx) => {
      const role = await requireRole(withStore(ctx, tx), input.RoleName);
      await tx.roles.update({ ...role, assumeRolePolicyDocument: input.PolicyDocument });
    });
    return undefined;
  },
});
