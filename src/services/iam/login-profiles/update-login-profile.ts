import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { requireUser } from '../shared/lookups.js';
import { member } from '../shared/members.js';
import { userResource } from '../shared/resources.js';
import { loginProfiles } from './login-profile-record.js';
import { noLoginProfile } from './login-profile-view.js';
import { passwordMember } from './password-member.js';
import { withNewPassword } from './set-password.js';

/**
 * An administrator's reset: a new password (checked against the policy, reuse prevention
 * included) and/or the reset-required flag; what is omitted stays as it was.
 */
export const updateLoginProfile = defineOperation({
  name: 'UpdateLoginProfile',
  action: 'iam:UpdateLoginProfile',
  readOnly: false,
  input: shape.struct({
    UserName: member.entityName(64),
    Password: passwordMember(),
    PasswordResetRequired: shape.boolean(),
  }),
  authorization: { resource: (input, ctx) => userResource(ctx, input.UserName) },
  output: 'none',
  async handler(input, ctx) {
    const user = await requireUser(ctx, input.UserName);
    const record = await loginProfiles.get(ctx.store, user.accountId, user.userId);
    if (!record) throw noLoginProfile(user.userName);
    const resetRequired = input.PasswordResetRequired ?? record.value.passwordResetRequired;
    const value =
      input.Password === undefined
        ? { ...record.value, userName: user.userName, passwordResetRequired: resetRequired }
        : await withNewPassword(ctx.store, ctx.random, user.accountId, input.Password, {
            previous: record.value,
            userName: user.userName,
            resetRequired,
            now: ctx.now,
          });
    if (!(await loginProfiles.update(ctx.store, { ...record, value }))) throw noLoginProfile(user.userName);
    return undefined;
  },
});
