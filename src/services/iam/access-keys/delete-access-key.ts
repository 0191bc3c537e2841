import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { member } from '../shared/members.js';
import { accessKeyIdMember } from './access-key-id.js';
import { userResource } from '../shared/resources.js';
import { keyOwner, requireOwnedKey } from './key-owner.js';

/** Deletes a key of the named user (or of the caller); the key stops working at once. */
export const deleteAccessKey = defineOperation({
  name: 'DeleteAccessKey',
  action: 'iam:DeleteAccessKey',
  readOnly: false,
  input: shape.struct({ UserName: member.optionalEntityName(128), AccessKeyId: accessKeyIdMember() }),
  authorization: { resource: (input, ctx) => userResource(ctx, input.UserName) },
  output: 'none',
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const owner = await keyOwner(ctx, tx, input.UserName);
      const key = await requireOwnedKey(ctx, tx, owner, input.AccessKeyId);
      await tx.accessKeys.delete(key.accessKeyId);
    });
    return undefined;
  },
});
