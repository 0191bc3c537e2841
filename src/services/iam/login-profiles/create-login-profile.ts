import { AwsError } from '../../../errors/aws-error.js';
import { constraint, validationError } from '../../../errors/validation.js';
import { shape } from '../../../model/shapes.js';
import { DuplicateError } from '../../../storage/store.js';
import { defineOperation } from '../../operation.js';
import { requireUser } from '../shared/lookups.js';
import { member } from '../shared/members.js';
import { userResource } from '../shared/resources.js';
import { loginProfiles } from './login-profile-record.js';
import { loginProfileOutput, loginProfileView, profileUserName } from './login-profile-view.js';
import { passwordMember } from './password-member.js';
import { withNewPassword } from './set-password.js';

/** Gives a user a console password, checked against the account's password policy. */
export const createLoginProfile = defineOperation({
  name: 'CreateLoginProfile',
  action: 'iam:CreateLoginProfile',
  readOnly: false,
  input: shape.struct({
    UserName: member.optionalEntityName(64),
    Password: passwordMember(),
    PasswordResetRequired: shape.boolean(),
  }),
  authorization: { resource: (input, ctx) => userResource(ctx, input.UserName) },
  output: shape.struct({ LoginProfile: loginProfileOutput }),
  async handler(input, ctx) {
    const userName = profileUserName(ctx, input.UserName);
    // Optional in the model only for AssumeRoot sessions (which keysmith has not): required here.
    if (input.Password === undefined) throw validationError([{ path: 'password', constraint: constraint.notNull() }]);
    const password = input.Password;
    const user = await requireUser(ctx, userName);
    const existing = await loginProfiles.get(ctx.store, user.accountId, user.userId);
    if (existing) throw alreadyExists(user.userName);
    const value = await withNewPassword(ctx.store, ctx.random, user.accountId, password, {
      previous: undefined,
      userName: user.userName,
      resetRequired: input.PasswordResetRequired ?? false,
      now: ctx.now,
    });
    const record = { accountId: user.accountId, name: user.userId, path: '/', ownerId: user.userId, createDate: ctx.now, value };
    try {
      // The user must still exist when the profile is written (a DeleteUser in between).
      await ctx.store.transaction(async (tx) => {
        await requireUser({ ...ctx, store: tx }, userName);
        await loginProfiles.create(tx, record);
      });
    } catch (e) {
      if (e instanceof DuplicateError) throw alreadyExists(user.userName);
      throw e;
    }
    return { LoginProfile: loginProfileView(user.userName, record) };
  },
});

const alreadyExists = (userName: string) => new AwsError('EntityAlreadyExists', `Login Profile for user ${userName} already exists.`);
