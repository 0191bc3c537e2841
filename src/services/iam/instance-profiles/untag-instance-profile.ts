import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { withStore } from '../roles/in-transaction.js';
import { member } from '../shared/members.js';
import { removeTags } from '../shared/tags.js';
import { instanceProfileResource, instanceProfiles, requireInstanceProfile } from './instance-profile-record.js';

/** Removing a key the profile does not have succeeds (§4.1); keys compare exactly. */
export const untagInstanceProfile = defineOperation({
  name: 'UntagInstanceProfile',
  action: 'iam:UntagInstanceProfile',
  readOnly: false,
  input: shape.struct({ InstanceProfileName: member.entityName(128), TagKeys: member.tagKeys() }),
  authorization: { resource: (input, ctx) => instanceProfileResource(ctx, input.InstanceProfileName) },
  output: 'none',
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const record = await requireInstanceProfile(withStore(ctx, tx), input.InstanceProfileName);
      await instanceProfiles.update(tx, {
        ...record,
        value: { ...record.value, tags: removeTags(record.value.tags, input.TagKeys, 'sensitive') },
      });
    });
    return undefined;
  },
});
