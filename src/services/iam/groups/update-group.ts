import { AwsError } from '../../../errors/aws-error.js';
import { iamArn } from '../../../model/arns.js';
import { shape } from '../../../model/shapes.js';
import { DuplicateError } from '../../../storage/store.js';
import { defineOperation } from '../../operation.js';
import { requireGroup } from '../shared/lookups.js';
import { member } from '../shared/members.js';
import { groupResource } from '../shared/resources.js';

/** Rename and/or move; members and policies are keyed on the group id and stay. */
export const updateGroup = defineOperation({
  name: 'UpdateGroup',
  action: 'iam:UpdateGroup',
  readOnly: false,
  input: shape.struct({
    GroupName: member.entityName(128),
    NewPath: member.path(),
    NewGroupName: member.optionalEntityName(128),
  }),
  authorization: { resource: (input, ctx) => groupResource(ctx, input.GroupName) },
  output: 'none',
  async handler(input, ctx) {
    const accountId = ctx.caller.accountId;
    try {
      await ctx.store.transaction(async (tx) => {
        const group = await requireGroup({ ...ctx, store: tx }, input.GroupName);
        const groupName = input.NewGroupName ?? group.groupName;
        const path = input.NewPath ?? group.path;
        await tx.groups.update({ ...group, groupName, path, arn: iamArn(accountId, 'group', path, groupName) });
      });
    } catch (e) {
      if (e instanceof DuplicateError) throw new AwsError('EntityAlreadyExists', `Group with name ${input.NewGroupName} already exists.`);
      throw e;
    }
    return undefined;
  },
});
