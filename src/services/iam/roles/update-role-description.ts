import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { requireRole } from '../shared/lookups.js';
import { member } from '../shared/members.js';
import { roleResource } from '../shared/resources.js';
import { roleView } from '../shared/views.js';
import { withStore } from './in-transaction.js';
import { roleMember } from './role-members.js';
import { roleOutput } from '../shared/role-policy-output-shapes.js';

/** Returns the role without MaxSessionDuration and RoleLastUsed, like CreateRole (§4.2). */
export const updateRoleDescription = defineOperation({
  name: 'UpdateRoleDescription',
  action: 'iam:UpdateRoleDescription',
  readOnly: false,
  input: shape.struct({
    RoleName: member.entityName(64),
    Description: { ...roleMember.description(), required: true as const },
  }),
  authorization: { resource: (input, ctx) => roleResource(ctx, input.RoleName) },
  output: shape.struct({ Role: roleOutput }),
  async handler(input, ctx) {
    const updated = await ctx.store.transaction(async (tx) => {
      const role = await requireRole(withStore(ctx, tx), input.RoleName);
      const next = { ...role, description: input.Description };
      await tx.roles.update(next);
      return next;
    });
    return { Role: roleView(updated, 'create') };
  },
});
