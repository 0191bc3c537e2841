import { AwsError } from '../../../errors/aws-error.js';
import { isoSeconds } from '../../../kernel/iso-time.js';
import { shape } from '../../../model/shapes.js';
import type { OperationContext } from '../../operation.js';
import type { StoredRecord } from '../shared/records.js';
import type { LoginProfileValue } from './login-profile-record.js';

/** IAM's `LoginProfile`: never the password, only who and since when. */
export const loginProfileOutput = shape.struct({
  UserName: shape.string(),
  CreateDate: shape.string(),
  PasswordResetRequired: shape.boolean(),
});

export function loginProfileView(userName: string, record: StoredRecord<LoginProfileValue>) {
  return { UserName: userName, CreateDate: isoSeconds(record.createDate), PasswordResetRequired: record.value.passwordResetRequired };
}

export const noLoginProfile = (userName: string) => new AwsError('NoSuchEntity', `Login Profile for User ${userName} cannot be found.`);

/**
 * The user a login-profile call is about: UserName, or the calling IAM user when it is omitted.
 * The root may omit it only in an AssumeRoot session, which keysmith does not have, so every
 * other caller must name the user (AWS's text for the same rule on the other optional-UserName calls).
 */
export function profileUserName(ctx: OperationContext, userName: string | undefined): string {
  if (userName !== undefined) return userName;
  if (ctx.caller.type === 'User') return ctx.caller.userName;
  throw new AwsError('ValidationError', 'Must specify userName when calling with non-User credentials');
}
