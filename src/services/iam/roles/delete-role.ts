import { AwsError } from '../../../errors/aws-error.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { requireRole } from '../shared/lookups.js';
import { member } from '../shared/members.js';
import { roleResource } from '../shared/resources.js';
import { withStore } from './in-transaction.js';
import { instanceProfiles } from '../instance-profiles/instance-profile-record.js';
import { refuseServiceLinkedRole } from './service-linked-guard.js';

/**
 * A role must have no attached managed policies, no inline policies and no instance profile left
 * (§4.2); a service-linked role is deleted only through DeleteServiceLinkedRole.
 */
export const deleteRole = defineOperation({
  name: 'DeleteRole',
  action: 'iam:DeleteRole',
  readOnly: false,
  input: shape.struct({ RoleName: member.entityName(64) }),
  authorization: { resource: (input, ctx) => roleResource(ctx, input.RoleName) },
  output: 'none',
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const role = await requireRole(withStore(ctx, tx), input.RoleName);
      refuseServiceLinkedRole(role);
      if ((await tx.attachments.listForOwner('role', role.roleId)).length > 0) {
        throw new AwsError('DeleteConflict', 'Cannot delete entity, must detach all policies first.');
      }
      if ((await tx.inlinePolicies.list('role', role.roleId, { limit: 1 })).items.length > 0) {
        throw new AwsError('DeleteConflict', 'Cannot delete entity, must delete policies first.');
      }
      if ((await instanceProfiles.count(tx, role.accountId, role.roleId)) > 0) {
        throw new AwsError('DeleteConflict', 'Cannot delete entity, must remove roles from instance profile first.');
      }
      await tx.roles.delete(role.accountId, role.roleId);
    });
    return undefined;
  },
});
