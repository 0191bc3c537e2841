import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { delegationRequestArn } from './delegation-record.js';
import { delegationMember } from './delegation-shapes.js';
import { ownerTransition } from './owner-transition.js';

/**
 * An identity of the owner account grants the access: it becomes the approver, the identity the
 * delegated credentials would act as. The token is sent separately (SendDelegationToken).
 */
export const acceptDelegationRequest = defineOperation({
  name: 'AcceptDelegationRequest',
  action: 'iam:AcceptDelegationRequest',
  readOnly: false,
  input: shape.struct({ DelegationRequestId: delegationMember.id() }),
  authorization: { resource: (input, ctx) => delegationRequestArn(ctx.caller.accountId, input.DelegationRequestId) },
  output: 'none',
  async handler(input, ctx) {
    await ownerTransition(ctx, input.DelegationRequestId, ['ASSIGNED', 'PENDING_APPROVAL'], 'accepted', () => ({
      state: 'ACCEPTED',
      approverId: ctx.caller.arn,
    }));
    return undefined;
  },
});
