import { AwsError } from '../../../errors/aws-error.js';
import { QUOTAS } from '../../../model/rules.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { requireGroup, requireUser } from '../shared/lookups.js';
import { member } from '../shared/members.js';
import { groupResource } from '../shared/resources.js';

/** Adding a member twice is a no-op; a user may be in at most 10 groups (reference §4.8). */
export const addUserToGroup = defineOperation({
  name: 'AddUserToGroup',
  action: 'iam:AddUserToGroup',
  readOnly: false,
  input: shape.struct({ GroupName: member.entityName(128), UserName: member.entityName(128) }),
  authorization: { resource: (input, ctx) => groupResource(ctx, input.GroupName) },
  output: 'none',
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const txCtx = { ...ctx, store: tx };
      const group = await requireGroup(txCtx, input.GroupName);
      const user = await requireUser(txCtx, input.UserName);
      const groups = (await tx.groups.listGroupsForUser(user.userId, { limit: QUOTAS.GroupsPerUserQuota + 1 })).items;
      if (groups.some((g) => g.groupId === group.groupId)) return;
      if (groups.length >= QUOTAS.GroupsPerUserQuota) {
        throw new AwsError('LimitExceeded', `Cannot exceed quota for GroupsPerUser: ${QUOTAS.GroupsPerUserQuota}`);
      }
      await tx.groups.addMember(group.groupId, user.userId);
    });
    return undefined;
  },
});
