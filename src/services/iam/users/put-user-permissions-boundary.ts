import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { requireUser } from '../shared/lookups.js';
import { member } from '../shared/members.js';
import { userResource } from '../shared/resources.js';
import { requireOwnAttachablePolicy } from '../attached-policies/attachable-policy.js';

/** Sets (or replaces) the user's boundary; the policy must exist and be attachable. */
export const putUserPermissionsBoundary = defineOperation({
  name: 'PutUserPermissionsBoundary',
  action: 'iam:PutUserPermissionsBoundary',
  readOnly: false,
  input: shape.struct({ UserName: member.entityName(128), PermissionsBoundary: member.arn() }),
  authorization: { resource: (input, ctx) => userResource(ctx, input.UserName) },
  output: 'none',
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const txCtx = { ...ctx, store: tx };
      const user = await requireUser(txCtx, input.UserName);
      const policy = await requireOwnAttachablePolicy(txCtx, input.PermissionsBoundary, 'boundary');
      await tx.users.update({ ...user, permissionsBoundaryArn: policy.arn });
    });
    return undefined;
  },
});
