import { AwsError } from '../../../errors/aws-error.js';
import { iamArn } from '../../../model/arns.js';
import { QUOTAS } from '../../../model/rules.js';
import { newId } from '../../../model/unique-ids.js';
import { shape } from '../../../model/shapes.js';
import { DuplicateError } from '../../../storage/store.js';
import { defineOperation } from '../../operation.js';
import { member } from '../shared/members.js';
import { groupView } from '../shared/views.js';
import { groupOutput } from '../shared/output-shapes.js';

export const createGroup = defineOperation({
  name: 'CreateGroup',
  action: 'iam:CreateGroup',
  readOnly: false,
  input: shape.struct({ Path: member.path(), GroupName: member.entityName(128) }),
  authorization: { resource: (input, ctx) => iamArn(ctx.caller.accountId, 'group', input.Path ?? '/', input.GroupName) },
  output: shape.struct({ Group: groupOutput }),
  async handler(input, ctx) {
    const accountId = ctx.caller.accountId;
    const path = input.Path ?? '/';
    const group = {
      accountId,
      groupName: input.GroupName,
      groupId: newId('AGPA', accountId, ctx.random),
      path,
      arn: iamArn(accountId, 'group', path, input.GroupName),
      createDate: ctx.now,
    };
    try {
      await ctx.store.transaction(async (tx) => {
        if ((await tx.groups.count(accountId)) >= QUOTAS.GroupsQuota) {
          throw new AwsError('LimitExceeded', `Cannot exceed quota for GroupsPerAccount: ${QUOTAS.GroupsQuota}`);
        }
        await tx.groups.create(group);
      });
    } catch (e) {
      if (e instanceof DuplicateError) throw new AwsError('EntityAlreadyExists', `Group with name ${input.GroupName} already exists.`);
      throw e;
    }
    return { Group: groupView(group) };
  },
});
