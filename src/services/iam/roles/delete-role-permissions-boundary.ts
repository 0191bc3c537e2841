import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { requireRole } from '../shared/lookups.js';
import { member } from '../shared/members.js';
import { roleResource } from '../shared/resources.js';
import { withStore } from './in-transaction.js';
import { refuseServiceLinkedRole } from './service-linked-guard.js';

export const deleteRolePermissionsBoundary = defineOperation({
  name: 'DeleteRolePermissionsBoundary',
  action: 'iam:DeleteRolePermissionsBoundary',
  readOnly: false,
  input: shape.struct({ RoleName: member.entityName(64) }),
  authorization: { resource: (input, ctx) => roleResource(ctx, input.RoleName) },
  output: 'none',
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const role = await requireRole(withStore(ctx, tx), input.RoleName);
      refuseServiceLinkedRole(role);
      await tx.roles.update({ ...role, permissionsBoundaryArn: undefined });
    });
    return undefined;
  },
});
