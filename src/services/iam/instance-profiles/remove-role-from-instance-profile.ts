import { AwsError } from '../../../errors/aws-error.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { withStore } from '../roles/in-transaction.js';
import { refuseServiceLinkedRole } from '../roles/service-linked-guard.js';
import { requireRole } from '../shared/lookups.js';
import { member } from '../shared/members.js';
import { instanceProfileResource, instanceProfiles, requireInstanceProfile } from './instance-profile-record.js';

/**
 * A role that exists but is not in the profile is NoSuchEntity with the role's text (keysmith's
 * choice: AWS's exact text for that case is not recorded; docs/iam/roles.md).
 */
export const removeRoleFromInstanceProfile = defineOperation({
  name: 'RemoveRoleFromInstanceProfile',
  action: 'iam:RemoveRoleFromInstanceProfile',
  readOnly: false,
  input: shape.struct({ InstanceProfileName: member.entityName(128), RoleName: member.entityName(64) }),
  authorization: { resource: (input, ctx) => instanceProfileResource(ctx, input.InstanceProfileName) },
  output: 'none',
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const txCtx = withStore(ctx, tx);
      const record = await requireInstanceProfile(txCtx, input.InstanceProfileName);
      const role = await requireRole(txCtx, input.RoleName);
      refuseServiceLinkedRole(role);
      if (record.value.roleId !== role.roleId) {
        throw new AwsError('NoSuchEntity', `The role with name ${input.RoleName} cannot be found.`);
      }
      const { roleId: _dropped, ...value } = record.value;
      await instanceProfiles.update(tx, {
        accountId: record.accountId,
        name: record.name,
        path: record.path,
        createDate: record.createDate,
        value,
      });
    });
    return undefined;
  },
});
