import { AwsError } from '../../../errors/aws-error.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { requireUser } from '../shared/lookups.js';
import { loginProfiles } from './login-profile-record.js';
import { noLoginProfile } from './login-profile-view.js';
import { verifyPassword } from './password-hash.js';
import { requiredPasswordMember } from './password-member.js';
import { authorizeSelfService } from './self-service.js';
import { withNewPassword } from './set-password.js';

/**
 * The calling IAM user changes its own password: the old one must match, the new one must satisfy
 * the policy (reuse prevention included). A successful change clears PasswordResetRequired. It
 * also works on an expired password (AWS: users with iam:ChangePassword reset an expired password
 * through the API even under HardExpiry). Authorized here: AllowUsersToChangePassword grants it.
 */
export const changePassword = defineOperation({
  name: 'ChangePassword',
  action: 'iam:ChangePassword',
  readOnly: false,
  input: shape.struct({ OldPassword: requiredPasswordMember(), NewPassword: requiredPasswordMember() }),
  authorization: 'self',
  output: 'none',
  async handler(input, ctx) {
    const caller = ctx.caller;
    if (caller.type !== 'User') throw new AwsError('InvalidUserType', 'Only IAM users can change their own password.');
    await authorizeSelfService(ctx, 'iam:ChangePassword', caller.arn);
    const user = await requireUser(ctx, caller.userName);
    const record = await loginProfiles.get(ctx.store, user.accountId, user.userId);
    if (!record) throw noLoginProfile(user.userName);
    if (!(await verifyPassword(input.OldPassword, record.value.passwordHash))) {
      throw new AwsError('AccessDenied', 'The old password is incorrect.');
    }
    const value = await withNewPassword(ctx.store, ctx.random, user.accountId, input.NewPassword, {
      previous: record.value,
      userName: user.userName,
      resetRequired: false,
      now: ctx.now,
    });
    if (!(await loginProfiles.update(ctx.store, { ...record, value }))) throw noLoginProfile(user.userName);
    return undefined;
  },
});
