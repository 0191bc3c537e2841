import { AwsError } from '../../../errors/aws-error.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { requireUser } from '../shared/lookups.js';
import { member } from '../shared/members.js';
import { userResource } from '../shared/resources.js';
import { remainingCredential } from './user-credentials.js';

const conflict = (what: string) => new AwsError('DeleteConflict', `Cannot delete entity, must ${what} first.`);

/**
 * AWS refuses to delete a user that still has anything attached, one DeleteConflict text per
 * kind of dependency (reference §4.5). Checked and deleted in one transaction so a key created
 * in between cannot be left dangling.
 */
export const deleteUser = defineOperation({
  name: 'DeleteUser',
  action: 'iam:DeleteUser',
  readOnly: false,
  input: shape.struct({ UserName: member.entityName(128) }),
  authorization: { resource: (input, ctx) => userResource(ctx, input.UserName) },
  output: 'none',
  async handler(input, ctx) {
    const accountId = ctx.caller.accountId;
    await ctx.store.transaction(async (tx) => {
      const user = await requireUser({ ...ctx, store: tx }, input.UserName);
      if ((await tx.accessKeys.listForOwner(accountId, user.userName)).length > 0) throw conflict('delete access keys');
      if ((await tx.inlinePolicies.list('user', user.userId, { limit: 1 })).items.length > 0) throw conflict('delete policies');
      if ((await tx.attachments.listForOwner('user', user.userId)).length > 0) throw conflict('detach all policies');
      if ((await tx.groups.listGroupsForUser(user.userId, { limit: 1 })).items.length > 0) throw conflict('remove users from group');
      if ((await tx.mfaDevices.listForUser(user.userId)).length > 0) throw conflict('delete MFA device');
      const credential = await remainingCredential(tx, accountId, user.userId);
      if (credential !== undefined) throw conflict(credential);
      await tx.users.delete(accountId, user.userId);
    });
    return undefined;
  },
});
