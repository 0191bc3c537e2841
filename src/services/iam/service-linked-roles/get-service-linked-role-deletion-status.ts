import { AwsError } from '../../../errors/aws-error.js';
import { iamArn } from '../../../model/arns.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { linkedRolePath } from './known-services.js';
import { deletionTasks, parseDeletionTaskId } from './deletion-tasks.js';

/**
 * Authorized on the deleted role's ARN, which the task id spells out. A task id not in AWS's format
 * is InvalidInput; a well-formed one keysmith never issued (here) is NoSuchEntity, as AWS answers
 * for a task it no longer holds. Texts are keysmith's (docs/iam/roles.md).
 */
export const getServiceLinkedRoleDeletionStatus = defineOperation({
  name: 'GetServiceLinkedRoleDeletionStatus',
  action: 'iam:GetServiceLinkedRoleDeletionStatus',
  readOnly: true,
  input: shape.struct({ DeletionTaskId: shape.string({ required: true, min: 1, max: 1000 }) }),
  authorization: {
    resource: (input, ctx) => {
      const task = parseDeletionTaskId(input.DeletionTaskId);
      return task ? iamArn(ctx.caller.accountId, 'role', linkedRolePath(task.service), task.roleName) : '*';
    },
  },
  output: shape.struct({
    Status: shape.string(),
    Reason: shape.struct({ Reason: shape.string(), RoleUsageList: shape.list(shape.struct({ Region: shape.string() })) }),
  }),
  async handler(input, ctx) {
    if (!parseDeletionTaskId(input.DeletionTaskId)) throw new AwsError('InvalidInput', `Invalid deletion task id: ${input.DeletionTaskId}`);
    const task = await deletionTasks.get(ctx.store, ctx.caller.accountId, input.DeletionTaskId);
    if (!task) throw new AwsError('NoSuchEntity', `Deletion task ${input.DeletionTaskId} cannot be found.`);
    return { Status: task.value.status };
  },
});
