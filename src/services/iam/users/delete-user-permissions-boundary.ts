import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { requireUser } from '../shared/lookups.js';
import { member } from '../shared/members.js';
import { userResource } from '../shared/resources.js';

/** Removing a boundary the user does not have succeeds. */
export const deleteUserPermissionsBoundary = defineOperation({
  name: 'DeleteUserPermissionsBoundary',
  action: 'iam:DeleteUserPermissionsBoundary',
  readOnly: false,
  input: shape.struct({ UserName: member.entityName(128) }),
  authorization: { resource: (input, ctx) => userResource(ctx, input.UserName) },
  output: 'none',
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const user = await requireUser({ ...ctx, store: tx }, input.UserName);
      const { permissionsBoundaryArn: _dropped, ...rest } = user;
      await tx.users.update(rest);
    });
    return undefined;
  },
});
