import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { member } from '../shared/members.js';
import { accessKeyIdMember } from './access-key-id.js';
import { userResource } from '../shared/resources.js';
import { keyOwner, requireOwnedKey } from './key-owner.js';

/** Activates or deactivates a key; an inactive key stops authenticating at once. */
export const updateAccessKey = defineOperation({
  name: 'UpdateAccessKey',
  action: 'iam:UpdateAccessKey',
  readOnly: false,
  input: shape.struct({
    UserName: member.optionalEntityName(128),
    AccessKeyId: accessKeyIdMember(),
    Status: shape.string({ required: true, enum: ['Active', 'Inactive'] }),
  }),
  authorization: { resource: (input, ctx) => userResource(ctx, input.UserName) },
  output: 'none',
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const owner = await keyOwner(ctx, tx, input.UserName);
      const key = await requireOwnedKey(ctx, tx, owner, input.AccessKeyId);
      await tx.accessKeys.update({ ...key, status: input.Status as 'Active' | 'Inactive' });
    });
    return undefined;
  },
});
