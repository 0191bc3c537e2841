import { AwsError } from '../../../errors/aws-error.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { requireGroup } from '../shared/lookups.js';
import { member } from '../shared/members.js';
import { groupResource } from '../shared/resources.js';

const conflict = (what: string) => new AwsError('DeleteConflict', `Cannot delete entity, must ${what} first.`);

/** A group must be empty and policy-free before it can go (reference §4.5). */
export const deleteGroup = defineOperation({
  name: 'DeleteGroup',
  action: 'iam:DeleteGroup',
  readOnly: false,
  input: shape.struct({ GroupName: member.entityName(128) }),
  authorization: { resource: (input, ctx) => groupResource(ctx, input.GroupName) },
  output: 'none',
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const group = await requireGroup({ ...ctx, store: tx }, input.GroupName);
      if ((await tx.groups.listMembers(group.groupId, { limit: 1 })).items.length > 0) throw conflict('remove users from group');
      if ((await tx.inlinePolicies.list('group', group.groupId, { limit: 1 })).items.length > 0) throw conflict('delete policies');
      if ((await tx.attachments.listForOwner('group', group.groupId)).length > 0) throw conflict('detach all policies');
      await tx.groups.delete(ctx.caller.accountId, group.groupId);
    });
    return undefined;
  },
});
