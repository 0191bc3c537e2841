import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { requireUser } from '../shared/lookups.js';
import { member } from '../shared/members.js';
import { userResource } from '../shared/resources.js';
import { removeTags } from '../shared/tags.js';

/** Removing a key that is not there succeeds (reference §4.1). */
export const untagUser = defineOperation({
  name: 'UntagUser',
  action: 'iam:UntagUser',
  readOnly: false,
  input: shape.struct({ UserName: member.entityName(128), TagKeys: member.tagKeys() }),
  authorization: { resource: (input, ctx) => userResource(ctx, input.UserName) },
  output: 'none',
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const user = await requireUser({ ...ctx, store: tx }, input.UserName);
      await tx.users.update({ ...user, tags: removeTags(user.tags, input.TagKeys, 'insensitive') });
    });
    return undefined;
  },
});
