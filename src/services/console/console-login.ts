import { AwsError } from '../../errors/aws-error.js';
import { shape } from '../../model/shapes.js';
import { accountIdForAlias } from '../iam/account/index.js';
import { verifyConsolePassword } from '../iam/login-profiles/console-password.js';
import { loginProfiles } from '../iam/login-profiles/login-profile-record.js';
import { passwordMember, requiredPasswordMember } from '../iam/login-profiles/password-member.js';
import { withNewPassword } from '../iam/login-profiles/set-password.js';
import { verifyMfaCode } from '../iam/mfa/verify-mfa-code.js';
import { credentialsOutput } from '../sts/shared/output-shapes.js';
import { defineUnsignedOperation } from '../operation.js';
import { CONSOLE_SESSION_SECONDS, consolePrincipal, mintConsoleSession } from './console-session.js';

/** AWS's sign-in page says no more than this, whichever part was wrong. */
const INCORRECT = 'Your authentication information is incorrect. Please try again.';

/**
 * keysmith's own: the web console's sign-in with an IAM user's password, unsigned (the password is
 * the credential), as AWS's sign-in page: the account by id or alias, the user name, the password;
 * then the MFA code when the user has a device, and a new password when the old one must be
 * changed (PasswordResetRequired, or an expired password under a policy without HardExpiry).
 * Answers console session credentials (console-session.ts). Recorded in CloudTrail as AWS's
 * `ConsoleLogin` (eventSource `signin.amazonaws.com`).
 */
export const consoleLogin = defineUnsignedOperation({
  name: 'ConsoleLogin',
  action: 'signin:ConsoleLogin',
  readOnly: false,
  mutatesIam: false,
  input: shape.struct({
    Account: shape.string({ required: true, min: 1, max: 63 }),
    UserName: shape.string({ required: true, min: 1, max: 64 }),
    Password: requiredPasswordMember(),
    MFACode: shape.string({ min: 6, max: 6, pattern: /^\d{6}$/, patternText: '[\\d]{6}', sensitive: true }),
    NewPassword: passwordMember(),
    DurationSeconds: shape.integer({ min: 900, max: CONSOLE_SESSION_SECONDS }),
  }),
  output: shape.struct({
    Credentials: credentialsOutput,
    Arn: shape.string(),
    AccountId: shape.string(),
    UserName: shape.string(),
    MFAUsed: shape.boolean(),
  }),
  async handler(input, ctx) {
    const accountId = /^\d{12}$/.test(input.Account) ? input.Account : await accountIdForAlias(ctx.store, input.Account);
    if (accountId === undefined) throw new AwsError('AccessDenied', INCORRECT);
    const named = await ctx.store.users.getByName(accountId, input.UserName);
    ctx.noteFederatedCaller({
      type: 'IAMUser',
      accountId,
      userName: named ? named.userName : 'HIDDEN_DUE_TO_SECURITY_REASONS',
      ...(named ? { principalId: named.userId } : {}),
    });
    const outcome = await verifyConsolePassword(ctx.store, accountId, input.UserName, input.Password, ctx.now);
    if (outcome === 'wrong') throw new AwsError('AccessDenied', INCORRECT);
    if (outcome === 'expired') throw new AwsError('AccessDenied', 'Your password has expired. Contact your administrator to reset it.');
    const user = (await ctx.store.users.getByName(accountId, input.UserName))!;
    // A password that must change is asked for first, so the MFA code is entered (and spent) once.
    if (outcome === 'reset-required' && input.NewPassword === undefined) {
      throw new AwsError('PasswordResetRequired', 'You must choose a new password to sign in.');
    }

    // MFA before anything changes: a device on the user makes the code part of the password.
    const devices = await ctx.store.mfaDevices.listForUser(user.userId);
    const device = devices[0];
    if (device !== undefined) {
      if (input.MFACode === undefined) throw new AwsError('MFARequired', 'Enter the code from the MFA device of this user.');
      const asUser = consolePrincipal(user, 'console-sign-in');
      await verifyMfaCode({ ...ctx, caller: asUser }, asUser, device.serialNumber, input.MFACode);
    }

    if (outcome === 'reset-required' && input.NewPassword !== undefined) {
      const record = (await loginProfiles.get(ctx.store, accountId, user.userId))!;
      const value = await withNewPassword(ctx.store, ctx.random, accountId, input.NewPassword, {
        previous: record.value,
        userName: user.userName,
        resetRequired: false,
        now: ctx.now,
      });
      await loginProfiles.update(ctx.store, { ...record, value: { ...value, passwordLastUsed: ctx.now } });
    }

    const credentials = mintConsoleSession(ctx, user, { mfaAuthenticated: device !== undefined, durationSeconds: input.DurationSeconds });
    ctx.noteSignedIn(consolePrincipal(user, credentials.AccessKeyId));
    return { Credentials: credentials, Arn: user.arn, AccountId: accountId, UserName: user.userName, MFAUsed: device !== undefined };
  },
});
