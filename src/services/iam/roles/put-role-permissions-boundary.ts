import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { requireRole } from '../shared/lookups.js';
import { member } from '../shared/members.js';
import { requireOwnAttachablePolicy } from '../attached-policies/attachable-policy.js';
import { roleResource } from '../shared/resources.js';
import { withStore } from './in-transaction.js';
import { refuseServiceLinkedRole } from './service-linked-guard.js';

export const putRolePermissionsBoundary = defineOperation({
  name: 'PutRolePermissionsBoundary',
  action: 'iam:PutRolePermissionsBoundary',
  readOnly: false,
  input: shape.struct({ RoleName: member.entityName(64), PermissionsBoundary: member.arn() }),
  authorization: { resource: (input, ctx) => roleResource(ctx, input.RoleName) },
  output: 'none',
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const txCtx = withStore(ctx, tx);
      const role = await requireRole(txCtx, input.RoleName);
      refuseServiceLinkedRole(role);
      // Checked inside the transaction so the policy cannot vanish between check and write.
      await requireOwnAttachablePolicy(txCtx, input.PermissionsBoundary, 'boundary');
      await tx.roles.update({ ...role, permissionsBoundaryArn: input.PermissionsBoundary });
    });
    return undefined;
  },
});
