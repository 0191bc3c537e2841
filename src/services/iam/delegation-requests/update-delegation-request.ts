import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { delegationRequestArn } from './delegation-record.js';
import { delegationMember } from './delegation-shapes.js';
import { ownerTransition } from './owner-transition.js';

/** The owner adds notes (for an approver); the request waits in PENDING_APPROVAL. */
export const updateDelegationRequest = defineOperation({
  name: 'UpdateDelegationRequest',
  action: 'iam:UpdateDelegationRequest',
  readOnly: false,
  input: shape.struct({ DelegationRequestId: delegationMember.id(), Notes: delegationMember.notes() }),
  authorization: { resource: (input, ctx) => delegationRequestArn(ctx.caller.accountId, input.DelegationRequestId) },
  output: 'none',
  async handler(input, ctx) {
    await ownerTransition(ctx, input.DelegationRequestId, ['ASSIGNED', 'PENDING_APPROVAL'], 'updated', () => ({
      state: 'PENDING_APPROVAL',
      ...(input.Notes !== undefined ? { notes: input.Notes } : {}),
    }));
    return undefined;
  },
});
