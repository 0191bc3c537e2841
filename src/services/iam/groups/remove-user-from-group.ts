import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { requireGroup, requireUser } from '../shared/lookups.js';
import { member } from '../shared/members.js';
import { groupResource } from '../shared/resources.js';

/** Removing a user who is not a member succeeds (reference §4.5); both must exist. */
export const removeUserFromGroup = defineOperation({
  name: 'RemoveUserFromGroup',
  action: 'iam:RemoveUserFromGroup',
  readOnly: false,
  input: shape.struct({ GroupName: member.entityName(128), UserName: member.entityName(128) }),
  authorization: { resource: (input, ctx) => groupResource(ctx, input.GroupName) },
  output: 'none',
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const txCtx = { ...ctx, store: tx };
      const group = await requireGroup(txCtx, input.GroupName);
      const user = await requireUser(txCtx, input.UserName);
      await tx.groups.removeMember(group.groupId, user.userId);
    });
    return undefined;
  },
});
