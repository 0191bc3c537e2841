import { AwsError } from '../../errors/aws-error.js';
import { shape } from '../../model/shapes.js';
import { mfaRequested, verifyMfaCode } from '../iam/mfa/verify-mfa-code.js';
import { defineOperation } from '../operation.js';
import { stsMember } from './shared/members.js';
import { mintCredentials } from './shared/mint.js';
import { credentialsOutput } from './shared/output-shapes.js';

const DEFAULT_DURATION = 43200;
const ROOT_MAX_DURATION = 3600;

/**
 * STS GetSessionToken (reference §2.1, §2.3.9): long-term credentials only; no permission is
 * needed (AWS: "You cannot use policies to control authentication operations"). 900…129600
 * seconds, default 43200; the root user's sessions are clamped to one hour, not refused. With
 * SerialNumber + TokenCode the code is checked against the user's virtual MFA device and the
 * session carries aws:MultiFactorAuthPresent = true. The credentials act as the caller itself.
 */
export const getSessionToken = defineOperation({
  name: 'GetSessionToken',
  action: 'sts:GetSessionToken',
  readOnly: true,
  authorization: 'none',
  output: shape.struct({ Credentials: credentialsOutput }),
  input: shape.struct({
    DurationSeconds: stsMember.duration(129600),
    SerialNumber: stsMember.serialNumber(),
    TokenCode: stsMember.tokenCode(),
  }),
  async handler(input, ctx) {
    const caller = ctx.caller;
    if (caller.temporary) throw new AwsError('AccessDenied', 'Cannot call GetSessionToken with session credentials');
    let duration = input.DurationSeconds ?? DEFAULT_DURATION;
    if (caller.type === 'Root') duration = Math.min(duration, ROOT_MAX_DURATION);
    const withMfa = mfaRequested(input.SerialNumber, input.TokenCode);
    if (withMfa) await verifyMfaCode(ctx, caller, input.SerialNumber!, input.TokenCode!);
    const issuedAt = Math.floor(ctx.now / 1000);
    const credentials = mintCredentials(ctx, {
      kind: 'SessionToken',
      accountId: caller.accountId,
      issuedAt,
      expiresAt: issuedAt + duration,
      mfaAuthenticated: withMfa || undefined,
      originArn: caller.arn,
      // The root's session records the account id (its aws:userid) and no user name.
      ...(caller.type === 'User' ? { originUserId: caller.userId, originUserName: caller.userName } : { originUserId: caller.userId }),
    });
    return { Credentials: credentials };
  },
});

/** What GetSessionToken credentials may not do: a rule of the Authorizer's (src/authz/session-limits.ts). */
export { sessionTokenRefusal } from '../../authz/session-limits.js';
