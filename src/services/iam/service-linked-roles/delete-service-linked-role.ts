import { AwsError } from '../../../errors/aws-error.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { withStore } from '../roles/in-transaction.js';
import { isServiceLinkedRole } from '../roles/service-linked-guard.js';
import { requireRole } from '../shared/lookups.js';
import { member } from '../shared/members.js';
import { roleResource } from '../shared/resources.js';
import { deletionTaskId, deletionTasks } from './deletion-tasks.js';

/**
 * Deletes the role at once and records the task as SUCCEEDED: keysmith runs no service that could
 * still use it. An ordinary role is refused (keysmith's text; docs/iam/roles.md): DeleteRole is for it.
 */
export const deleteServiceLinkedRole = defineOperation({
  name: 'DeleteServiceLinkedRole',
  action: 'iam:DeleteServiceLinkedRole',
  readOnly: false,
  input: shape.struct({ RoleName: member.entityName(64) }),
  authorization: { resource: (input, ctx) => roleResource(ctx, input.RoleName) },
  output: shape.struct({ DeletionTaskId: shape.string() }),
  async handler(input, ctx) {
    const taskId = await ctx.store.transaction(async (tx) => {
      const role = await requireRole(withStore(ctx, tx), input.RoleName);
      if (!isServiceLinkedRole(role)) throw new AwsError('NoSuchEntity', `Role ${role.roleName} is not a service-linked role.`);
      const id = deletionTaskId(role.path, role.roleName, ctx.random);
      await tx.roles.delete(role.accountId, role.roleId);
      await deletionTasks.create(tx, {
        accountId: role.accountId,
        name: id,
        path: '/',
        ownerId: role.roleId,
        createDate: ctx.now,
        value: { status: 'SUCCEEDED', roleName: role.roleName },
      });
      return id;
    });
    return { DeletionTaskId: taskId };
  },
});
