import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { requireRole } from '../shared/lookups.js';
import { member } from '../shared/members.js';
import { roleResource } from '../shared/resources.js';
import { mergeTags } from '../shared/tags.js';
import { withStore } from './in-transaction.js';

/** Role tag keys ignore case: `Somekey` replaces `somekey` and takes the new casing (§4.1). */
export const tagRole = defineOperation({
  name: 'TagRole',
  action: 'iam:TagRole',
  readOnly: false,
  input: shape.struct({ RoleName: member.entityName(64), Tags: { ...member.tags(), required: true as const } }),
  authorization: { resource: (input, ctx) => roleResource(ctx, input.RoleName) },
  output: 'none',
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const role = await requireRole(withStore(ctx, tx), input.RoleName);
      await tx.roles.update({ ...role, tags: mergeTags(role.tags, input.Tags, 'insensitive') });
    });
    return undefined;
  },
});
