import { AwsError } from '../../../errors/aws-error.js';
import { iamArn } from '../../../model/arns.js';
import { QUOTAS } from '../../../model/rules.js';
import { newId } from '../../../model/unique-ids.js';
import { shape } from '../../../model/shapes.js';
import { DuplicateError } from '../../../storage/store.js';
import { defineOperation } from '../../operation.js';
import { member } from '../shared/members.js';
import { requireOwnAttachablePolicy } from '../attached-policies/attachable-policy.js';
import { checkNoDuplicates } from '../shared/tags.js';
import { userView } from '../shared/views.js';
import { userOutput } from '../shared/output-shapes.js';

export const createUser = defineOperation({
  name: 'CreateUser',
  action: 'iam:CreateUser',
  readOnly: false,
  input: shape.struct({
    Path: member.path(),
    UserName: member.entityName(64),
    PermissionsBoundary: member.optionalArn(),
    Tags: member.tags(),
  }),
  authorization: { resource: (input, ctx) => iamArn(ctx.caller.accountId, 'user', input.Path ?? '/', input.UserName) },
  output: shape.struct({ User: userOutput }),
  async handler(input, ctx) {
    const accountId = ctx.caller.accountId;
    const tags = input.Tags ?? [];
    checkNoDuplicates(tags, 'insensitive');
    if (input.PermissionsBoundary !== undefined) await requireOwnAttachablePolicy(ctx, input.PermissionsBoundary, 'boundary');
    const path = input.Path ?? '/';
    const user = {
      accountId,
      userName: input.UserName,
      userId: newId('AIDA', accountId, ctx.random),
      path,
      arn: iamArn(accountId, 'user', path, input.UserName),
      createDate: ctx.now,
      permissionsBoundaryArn: input.PermissionsBoundary,
      tags,
    };
    try {
      await ctx.store.transaction(async (tx) => {
        if ((await tx.users.count(accountId)) >= QUOTAS.UsersQuota) {
          throw new AwsError('LimitExceeded', `Cannot exceed quota for UsersPerAccount: ${QUOTAS.UsersQuota}`);
        }
        await tx.users.create(user);
      });
    } catch (e) {
      if (e instanceof DuplicateError) throw new AwsError('EntityAlreadyExists', `User with name ${input.UserName} already exists.`);
      throw e;
    }
    return { User: userView(user, { withTags: true }) };
  },
});
