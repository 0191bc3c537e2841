import { AwsError } from '../../../errors/aws-error.js';
import { iamArn } from '../../../model/arns.js';
import { shape } from '../../../model/shapes.js';
import { DuplicateError } from '../../../storage/store.js';
import { defineOperation } from '../../operation.js';
import { requireUser } from '../shared/lookups.js';
import { member } from '../shared/members.js';
import { userResource } from '../shared/resources.js';

/**
 * Renames and/or moves a user. The unique id stays, so group memberships, inline policies and
 * attachments (keyed on it) follow; access keys are keyed on the name and are renamed with it.
 */
export const updateUser = defineOperation({
  name: 'UpdateUser',
  action: 'iam:UpdateUser',
  readOnly: false,
  input: shape.struct({
    UserName: member.entityName(128),
    NewPath: member.path(),
    NewUserName: member.optionalEntityName(64),
  }),
  authorization: { resource: (input, ctx) => userResource(ctx, input.UserName) },
  output: 'none',
  async handler(input, ctx) {
    const accountId = ctx.caller.accountId;
    try {
      await ctx.store.transaction(async (tx) => {
        const user = await requireUser({ ...ctx, store: tx }, input.UserName);
        const userName = input.NewUserName ?? user.userName;
        const path = input.NewPath ?? user.path;
        await tx.users.update({ ...user, userName, path, arn: iamArn(accountId, 'user', path, userName) });
        if (userName !== user.userName) await tx.accessKeys.renameOwner(accountId, user.userName, userName);
      });
    } catch (e) {
      if (e instanceof DuplicateError) throw new AwsError('EntityAlreadyExists', `User with name ${input.NewUserName} already exists.`);
      throw e;
    }
    return undefined;
  },
});
