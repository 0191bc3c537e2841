import { AwsError } from '../../errors/aws-error.js';
import { isoSeconds } from '../../kernel/iso-time.js';
import { parseArn } from '../../model/arns.js';
import { shape } from '../../model/shapes.js';
import { defineOperation } from '../operation.js';

/**
 * keysmith's own: the revocations in force for a role's sessions — every entry of the revocation
 * list (src/authn/session-revocations.ts, through the operation context's `revocations`) for the
 * role, whoever made it: the console's RevokeRoleSessions, `keysmith sessions revoke`, the admin
 * API (`POST /_keysmith/sessions/revoke`) or an ended credential grant (RevokeCredentialGrant).
 * Only the first leaves a CloudTrail event, so the console's Sessions page asks here to mark the
 * sessions the others voided. Each entry: the session name (none: every session of the role) and
 * the time before which such sessions were issued to be void.
 *
 * Authorized as iam:GetRole on the role: the answer is a fact about the role — which of its
 * sessions are void, as GetRole's RoleLastUsed or its max session duration are — and it discloses
 * nothing a reader of the role could not infer from the sessions themselves; the list is not a
 * secret, and whoever may read the role may read it. A role of another account, or none, is
 * NoSuchEntity.
 */
export const listSessionRevocations = defineOperation({
  name: 'ListSessionRevocations',
  action: 'iam:GetRole',
  readOnly: true,
  mutatesIam: false,
  authorization: { resource: (input) => input.RoleArn },
  input: shape.struct({
    RoleArn: shape.string({ required: true, min: 20, max: 2048 }),
  }),
  output: shape.struct({
    RoleArn: shape.string(),
    Revocations: shape.list(shape.struct({ SessionName: shape.string(), RevokedBefore: shape.string() })),
  }),
  async handler(input, ctx) {
    const parsed = parseArn(input.RoleArn);
    if (!parsed || parsed.service !== 'iam' || !parsed.resource.startsWith('role/')) {
      throw new AwsError('InvalidInput', `Invalid ARN ${input.RoleArn}: it must be the ARN of an IAM role.`);
    }
    const name = parsed.resource.slice(parsed.resource.lastIndexOf('/') + 1);
    const role = parsed.account === ctx.caller.accountId ? await ctx.store.roles.getByName(parsed.account, name) : undefined;
    if (!role || role.arn !== input.RoleArn) throw new AwsError('NoSuchEntity', `The role with name ${name} cannot be found.`);
    const entries = [...ctx.revocations.forRole(role.roleId)].sort((a, b) => a.before - b.before);
    return {
      RoleArn: role.arn,
      Revocations: entries.map((r) => ({ SessionName: r.sessionName, RevokedBefore: isoSeconds(r.before * 1000) })),
    };
  },
});
