import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { requireRole } from '../shared/lookups.js';
import { member } from '../shared/members.js';
import { roleResource } from '../shared/resources.js';
import { withStore } from './in-transaction.js';
import { roleMember } from './role-members.js';
import { refuseServiceLinkedRole } from './service-linked-guard.js';

/**
 * Omitted parameters leave the values unchanged (real AWS, §4.2). The empty object renders as
 * `<UpdateRoleResult/>`, without which boto3 fails with KeyError. A service-linked role's
 * description may change (as UpdateRoleDescription's may), its session limit may not.
 */
export const updateRole = defineOperation({
  name: 'UpdateRole',
  action: 'iam:UpdateRole',
  readOnly: false,
  input: shape.struct({
    RoleName: member.entityName(64),
    Description: roleMember.description(),
    MaxSessionDuration: roleMember.maxSessionDuration(),
  }),
  authorization: { resource: (input, ctx) => roleResource(ctx, input.RoleName) },
  output: shape.struct({}),
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const role = await requireRole(withStore(ctx, tx), input.RoleName);
      if (input.MaxSessionDuration !== undefined) refuseServiceLinkedRole(role);
      await tx.roles.update({
        ...role,
        description: input.Description ?? role.description,
        maxSessionDuration: input.MaxSessionDuration ?? role.maxSessionDuration,
      });
    });
    return {};
  },
});
