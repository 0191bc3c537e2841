import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { requireUser } from '../shared/lookups.js';
import { member } from '../shared/members.js';
import { userResource } from '../shared/resources.js';
import { userView } from '../shared/views.js';
import { userOutput } from '../shared/output-shapes.js';
import { AwsError } from '../../../errors/aws-error.js';
import { passwordLastUsed } from '../login-profiles/password-last-used.js';

/** Without UserName, the caller itself (an IAM user) is returned; PasswordLastUsed once its password signed in. */
export const getUser = defineOperation({
  name: 'GetUser',
  action: 'iam:GetUser',
  readOnly: true,
  input: shape.struct({ UserName: member.optionalEntityName(128) }),
  authorization: { resource: (input, ctx) => userResource(ctx, input.UserName) },
  output: shape.struct({ User: userOutput }),
  async handler(input, ctx) {
    const name = input.UserName ?? (ctx.caller.type === 'User' ? ctx.caller.userName : undefined);
    if (name === undefined) {
      throw new AwsError('ValidationError', 'Must specify userName when calling with non-User credentials');
    }
    const user = await requireUser(ctx, name);
    const lastUsed = await passwordLastUsed(ctx.store, user.accountId, user.userId);
    return { User: userView(user, { withTags: true, passwordLastUsed: lastUsed }) };
  },
});
