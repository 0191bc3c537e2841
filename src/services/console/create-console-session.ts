import { AwsError } from '../../errors/aws-error.js';
import { shape } from '../../model/shapes.js';
import { credentialsOutput } from '../sts/shared/output-shapes.js';
import { defineOperation } from '../operation.js';
import { CONSOLE_SESSION_SECONDS, mintConsoleSession } from './console-session.js';

/**
 * keysmith's own: the web console's sign-in with an access key pair. The browser signs this one
 * call with the long-term key and forgets it; the console then works with the session this
 * answers, as it does after a password sign-in. Long-term keys of an IAM user or the root only,
 * as GetSessionToken; no permission is asked (signing with the key is the proof).
 */
export const createConsoleSession = defineOperation({
  name: 'CreateConsoleSession',
  action: 'signin:ConsoleLogin',
  readOnly: false,
  mutatesIam: false,
  authorization: 'none',
  input: shape.struct({ DurationSeconds: shape.integer({ min: 900, max: CONSOLE_SESSION_SECONDS }) }),
  output: shape.struct({ Credentials: credentialsOutput, Arn: shape.string(), AccountId: shape.string(), UserName: shape.string() }),
  async handler(input, ctx) {
    const caller = ctx.caller;
    if (caller.temporary || (caller.type !== 'User' && caller.type !== 'Root')) {
      throw new AwsError('AccessDenied', 'Sign in to the console with the long-term access key of an IAM user or the account root.');
    }
    const who =
      caller.type === 'User'
        ? { accountId: caller.accountId, arn: caller.arn, userId: caller.userId, userName: caller.userName }
        : { accountId: caller.accountId, arn: caller.arn };
    const credentials = mintConsoleSession(ctx, who, { mfaAuthenticated: false, durationSeconds: input.DurationSeconds });
    return {
      Credentials: credentials,
      Arn: caller.arn,
      AccountId: caller.accountId,
      UserName: caller.type === 'User' ? caller.userName : undefined,
    };
  },
});
