import { AwsError } from '../../../errors/aws-error.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { delegationRequestArn } from './delegation-record.js';
import { delegationMember } from './delegation-shapes.js';
import { ownerTransition } from './owner-transition.js';

/**
 * The owner adds notes (for an approver); the request waits in PENDING_APPROVAL. The Service
 * Authorization Reference lists no IAM action for this call: the owner's default permission is
 * the only one ("that owner gets a default permission to update the delegation request"), so the
 * handler authorizes it itself — the owner identity, and no one else.
 */
export const updateDelegationRequest = defineOperation({
  name: 'UpdateDelegationRequest',
  action: 'iam:UpdateDelegationRequest',
  readOnly: false,
  input: shape.struct({ DelegationRequestId: delegationMember.id(), Notes: delegationMember.notes() }),
  authorization: 'self',
  output: 'none',
  async handler(input, ctx) {
    await ownerTransition(ctx, input.DelegationRequestId, ['ASSIGNED', 'PENDING_APPROVAL'], 'updated', (record) => {
      if (record.value.ownerId !== ctx.caller.arn) {
        throw new AwsError(
          'AccessDenied',
          `User: ${ctx.caller.arn} is not authorized to perform: iam:UpdateDelegationRequest on resource: ${delegationRequestArn(ctx.caller.accountId, record.name)} because only the owner of the delegation request can update it`,
        );
      }
      return { state: 'PENDING_APPROVAL', ...(input.Notes !== undefined ? { notes: input.Notes } : {}) };
    });
    return undefined;
  },
});
