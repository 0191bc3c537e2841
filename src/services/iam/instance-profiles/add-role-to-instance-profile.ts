import { AwsError } from '../../../errors/aws-error.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { withStore } from '../roles/in-transaction.js';
import { refuseServiceLinkedRole } from '../roles/service-linked-guard.js';
import { requireRole } from '../shared/lookups.js';
import { member } from '../shared/members.js';
import { instanceProfileResource, instanceProfiles, requireInstanceProfile } from './instance-profile-record.js';

/**
 * A profile holds one role, a quota AWS does not raise. The caller also needs iam:PassRole on the
 * role (AddRoleToInstanceProfile's documentation; the Service Authorization Reference lists it as
 * the dependent action), checked once the role is known.
 */
export const addRoleToInstanceProfile = defineOperation({
  name: 'AddRoleToInstanceProfile',
  action: 'iam:AddRoleToInstanceProfile',
  readOnly: false,
  input: shape.struct({ InstanceProfileName: member.entityName(128), RoleName: member.entityName(64) }),
  authorization: { resource: (input, ctx) => instanceProfileResource(ctx, input.InstanceProfileName) },
  output: 'none',
  async handler(input, ctx) {
    await requireInstanceProfile(ctx, input.InstanceProfileName);
    const role = await requireRole(ctx, input.RoleName);
    refuseServiceLinkedRole(role);
    await ctx.authorizer.authorize(ctx.caller, 'iam:PassRole', role.arn, ctx.facts);
    await ctx.store.transaction(async (tx) => {
      const txCtx = withStore(ctx, tx);
      const record = await requireInstanceProfile(txCtx, input.InstanceProfileName);
      const current = await requireRole(txCtx, input.RoleName);
      if (record.value.roleId !== undefined) {
        throw new AwsError('LimitExceeded', 'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1');
      }
      await instanceProfiles.update(tx, { ...record, ownerId: current.roleId, value: { ...record.value, roleId: current.roleId } });
    });
    return undefined;
  },
});
