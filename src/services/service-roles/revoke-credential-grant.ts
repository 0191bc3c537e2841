import { AwsError } from '../../errors/aws-error.js';
import { shape } from '../../model/shapes.js';
import { defineOperation } from '../operation.js';
import { GRANT_ACCOUNT, grants } from './grant-record.js';

/**
 * keysmith's own: ends a credential grant, as stopping the compute does on AWS: its token fetches
 * nothing more, and the sessions it was given are void at once (a session revocation for the
 * grant's session name, the mechanism of `keysmith sessions revoke`). The caller needs what
 * creating it needed: iam:PassRole on the role for the grant's service. An unknown id (or one
 * already revoked) is NoSuchEntity.
 */
export const revokeCredentialGrant = defineOperation({
  name: 'RevokeCredentialGrant',
  action: 'iam:PassRole',
  readOnly: false,
  mutatesIam: false,
  authorization: 'self',
  input: shape.struct({ GrantId: shape.string({ required: true, min: 1, max: 64 }) }),
  output: 'none',
  async handler(input, ctx) {
    const grant = await grants.get(ctx.store, GRANT_ACCOUNT, input.GrantId);
    const notFound = new AwsError('NoSuchEntity', `The credential grant ${input.GrantId} cannot be found.`);
    if (!grant) throw notFound;
    const g = grant.value;
    try {
      await ctx.authorizer.authorize(ctx.caller, 'iam:PassRole', g.roleArn, ctx.facts, {
        resourceAccount: g.accountId,
        context: { 'iam:PassedToService': g.servicePrincipal },
      });
    } catch (error) {
      // Another account's grant is as unknown to the caller as a grant that never was.
      if (g.accountId !== ctx.caller.accountId) throw notFound;
      throw error;
    }
    await grants.delete(ctx.store, GRANT_ACCOUNT, input.GrantId);
    await ctx.revocations.revoke({ roleId: g.roleId, sessionName: g.sessionName, before: Math.floor(ctx.now / 1000) + 1 }, ctx.now);
    return undefined;
  },
});
