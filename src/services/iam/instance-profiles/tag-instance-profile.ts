import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { withStore } from '../roles/in-transaction.js';
import { member } from '../shared/members.js';
import { mergeTags } from '../shared/tags.js';
import { instanceProfileResource, instanceProfiles, requireInstanceProfile } from './instance-profile-record.js';

/** Instance-profile tag keys compare exactly: `a` and `A` are two tags (reference §4.1). */
export const tagInstanceProfile = defineOperation({
  name: 'TagInstanceProfile',
  action: 'iam:TagInstanceProfile',
  readOnly: false,
  input: shape.struct({ InstanceProfileName: member.entityName(128), Tags: { ...member.tags(), required: true as const } }),
  authorization: { resource: (input, ctx) => instanceProfileResource(ctx, input.InstanceProfileName) },
  output: 'none',
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const record = await requireInstanceProfile(withStore(ctx, tx), input.InstanceProfileName);
      await instanceProfiles.update(tx, {
        ...record,
        value: { ...record.value, tags: mergeTags(record.value.tags, input.Tags, 'sensitive') },
      });
    });
    return undefined;
  },
});
