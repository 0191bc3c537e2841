import { AwsError } from '../../errors/aws-error.js';
import { isoSeconds } from '../../kernel/iso-time.js';
import { parseArn } from '../../model/arns.js';
import { shape } from '../../model/shapes.js';
import { defineOperation } from '../operation.js';

/**
 * keysmith's own: voids a role's sessions (or one named session) issued until now, at once — the
 * mechanism of `keysmith sessions revoke` (src/authn/session-revocations.ts, through the
 * operation context's `revocations`): every node refuses them within a second, the one that took
 * the call immediately. AWS's way, which the console offers too, is an inline role policy
 * (`AWSRevokeOlderSessions`) denying everything to sessions with an older aws:TokenIssueTime; it
 * needs the role's policies to be evaluated and cannot name one session.
 *
 * Authorized as iam:PutRolePolicy on the role: the permission AWS's console asks for its "Revoke
 * active sessions" button (which writes that policy), so whoever may revoke one way may revoke the
 * other. A role of another account, or none, is NoSuchEntity.
 */
export const revokeRoleSessions = defineOperation({
  name: 'RevokeRoleSessions',
  action: 'iam:PutRolePolicy',
  readOnly: false,
  mutatesIam: false,
  authorization: { resource: (input) => input.RoleArn },
  input: shape.struct({
    RoleArn: shape.string({ required: true, min: 20, max: 2048 }),
    // RoleSessionName's constraints (optional here: no name revokes every session).
    SessionName: shape.string({ min: 2, max: 64, pattern: /^[\w+=,.@-]*$/, patternText: '[\\w+=,.@-]*' }),
  }),
  output: shape.struct({ RoleArn: shape.string(), SessionName: shape.string(), RevokedBefore: shape.string() }),
  async handler(input, ctx) {
    const parsed = parseArn(input.RoleArn);
    if (!parsed || parsed.service !== 'iam' || !parsed.resource.startsWith('role/')) {
      throw new AwsError('InvalidInput', `Invalid ARN ${input.RoleArn}: it must be the ARN of an IAM role.`);
    }
    const name = parsed.resource.slice(parsed.resource.lastIndexOf('/') + 1);
    const role = parsed.account === ctx.caller.accountId ? await ctx.store.roles.getByName(parsed.account, name) : undefined;
    if (!role || role.arn !== input.RoleArn) throw new AwsError('NoSuchEntity', `The role with name ${name} cannot be found.`);
    // Sessions issued in the current second are included: a revocation must not miss its session.
    const before = Math.floor(ctx.now / 1000) + 1;
    await ctx.revocations.revoke({ roleId: role.roleId, sessionName: input.SessionName, before }, ctx.now);
    return { RoleArn: role.arn, SessionName: input.SessionName, RevokedBefore: isoSeconds(before * 1000) };
  },
});
