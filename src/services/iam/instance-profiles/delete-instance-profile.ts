import { AwsError } from '../../../errors/aws-error.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { withStore } from '../roles/in-transaction.js';
import { member } from '../shared/members.js';
import { instanceProfileResource, instanceProfiles, requireInstanceProfile } from './instance-profile-record.js';

/** AWS refuses while the profile still holds a role (DeleteInstanceProfile's documentation and its real text). */
export const deleteInstanceProfile = defineOperation({
  name: 'DeleteInstanceProfile',
  action: 'iam:DeleteInstanceProfile',
  readOnly: false,
  input: shape.struct({ InstanceProfileName: member.entityName(128) }),
  authorization: { resource: (input, ctx) => instanceProfileResource(ctx, input.InstanceProfileName) },
  output: 'none',
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const record = await requireInstanceProfile(withStore(ctx, tx), input.InstanceProfileName);
      if (record.value.roleId !== undefined) {
        throw new AwsError('DeleteConflict', 'Cannot delete entity, must remove roles from instance profile first.');
      }
      await instanceProfiles.delete(tx, record.accountId, record.name);
    });
    return undefined;
  },
});
