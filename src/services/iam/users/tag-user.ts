import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { requireUser } from '../shared/lookups.js';
import { member } from '../shared/members.js';
import { userResource } from '../shared/resources.js';
import { mergeTags } from '../shared/tags.js';

/** User tag keys compare ignoring case; a new casing replaces the old tag (reference §4.1). */
export const tagUser = defineOperation({
  name: 'TagUser',
  action: 'iam:TagUser',
  readOnly: false,
  input: shape.struct({ UserName: member.entityName(128), Tags: { ...member.tags(), required: true as const } }),
  authorization: { resource: (input, ctx) => userResource(ctx, input.UserName) },
  output: 'none',
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const user = await requireUser({ ...ctx, store: tx }, input.UserName);
      await tx.users.update({ ...user, tags: mergeTags(user.tags, input.Tags, 'insensitive') });
    });
    return undefined;
  },
});
