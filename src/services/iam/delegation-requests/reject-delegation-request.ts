import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { DELEGATION_LIFETIME_MS, delegationRequestArn } from './delegation-record.js';
import { delegationMember } from './delegation-shapes.js';
import { ownerTransition } from './owner-transition.js';

/** Refuses the access, for good; possible until the token is sent. The rejected request expires 7 days later. */
export const rejectDelegationRequest = defineOperation({
  name: 'RejectDelegationRequest',
  action: 'iam:RejectDelegationRequest',
  readOnly: false,
  input: shape.struct({ DelegationRequestId: delegationMember.id(), Notes: delegationMember.notes() }),
  authorization: { resource: (input, ctx) => delegationRequestArn(ctx.caller.accountId, input.DelegationRequestId) },
  output: 'none',
  async handler(input, ctx) {
    await ownerTransition(ctx, input.DelegationRequestId, ['ASSIGNED', 'PENDING_APPROVAL', 'ACCEPTED'], 'rejected', () => ({
      state: 'REJECTED',
      expirationTime: ctx.now + DELEGATION_LIFETIME_MS,
      ...(input.Notes !== undefined ? { rejectionReason: input.Notes } : {}),
    }));
    return undefined;
  },
});
