import { AwsError } from '../../../errors/aws-error.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { delegationRequestArn } from './delegation-record.js';
import { delegationMember } from './delegation-shapes.js';
import { ownerTransition } from './owner-transition.js';

/**
 * Finalizes an accepted request. AWS then sends the partner an exchange token on its
 * notification channel; keysmith has no channel to send on, so no token leaves it and
 * sts:GetDelegatedAccessToken never finds one (docs/iam/settings-organizations-delegation.md). With OnlySendByOwner only the
 * owner identity may send.
 */
export const sendDelegationToken = defineOperation({
  name: 'SendDelegationToken',
  action: 'iam:SendDelegationToken',
  readOnly: false,
  input: shape.struct({ DelegationRequestId: delegationMember.id() }),
  authorization: { resource: (input, ctx) => delegationRequestArn(ctx.caller.accountId, input.DelegationRequestId) },
  output: 'none',
  async handler(input, ctx) {
    await ownerTransition(ctx, input.DelegationRequestId, ['ACCEPTED'], 'sent', (record) => {
      if (record.value.onlySendByOwner && record.value.ownerId !== ctx.caller.arn) {
        throw new AwsError('InvalidInput', `Only the owner of the delegation request ${record.name} can send its token.`);
      }
      return { state: 'FINALIZED' };
    });
    return undefined;
  },
});
