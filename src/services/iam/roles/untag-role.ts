import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { requireRole } from '../shared/lookups.js';
import { member } from '../shared/members.js';
import { roleResource } from '../shared/resources.js';
import { removeTags } from '../shared/tags.js';
import { withStore } from './in-transaction.js';

/** Removing a key the role does not have succeeds (§4.1). */
export const untagRole = defineOperation({
  name: 'UntagRole',
  action: 'iam:UntagRole',
  readOnly: false,
  input: shape.struct({ RoleName: member.entityName(64), TagKeys: member.tagKeys() }),
  authorization: { resource: (input, ctx) => roleResource(ctx, input.RoleName) },
  output: 'none',
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const role = await requireRole(withStore(ctx, tx), input.RoleName);
      await tx.roles.update({ ...role, tags: removeTags(role.tags, input.TagKeys, 'insensitive') });
    });
    return undefined;
  },
});
