import { AwsError } from '../../../errors/aws-error.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { delegationRequestArn, delegationRequests, noSuchRequest, requireState, visibleTo } from './delegation-record.js';
import { delegationMember } from './delegation-shapes.js';

/**
 * The caller becomes the request's owner (its ARN the OwnerId, its account the owner account):
 * only an identity of the owner account the partner named, or anyone when it named none.
 * Associating again as the same identity changes nothing; another owner is InvalidInput.
 */
export const associateDelegationRequest = defineOperation({
  name: 'AssociateDelegationRequest',
  action: 'iam:AssociateDelegationRequest',
  readOnly: false,
  input: shape.struct({ DelegationRequestId: delegationMember.id() }),
  authorization: { resource: (input, ctx) => delegationRequestArn(ctx.caller.accountId, input.DelegationRequestId) },
  output: 'none',
  async handler(input, ctx) {
    const caller = ctx.caller;
    await ctx.store.transaction(async (tx) => {
      const record = await delegationRequests.get(tx, '', input.DelegationRequestId);
      if (
        !record ||
        (record.value.ownerAccountId !== undefined && record.value.ownerAccountId !== caller.accountId) ||
        !visibleTo(record.value, caller)
      ) {
        throw noSuchRequest(input.DelegationRequestId);
      }
      if (record.value.ownerId === caller.arn) return;
      if (record.value.ownerId !== undefined) {
        throw new AwsError('InvalidInput', `The delegation request ${record.name} is already associated with an owner.`);
      }
      requireState(record, ctx.now, ['UNASSIGNED'], 'associated');
      await delegationRequests.update(tx, {
        ...record,
        ownerId: caller.arn,
        value: { ...record.value, ownerAccountId: caller.accountId, ownerId: caller.arn, state: 'ASSIGNED', updatedTime: ctx.now },
      });
    });
    return undefined;
  },
});
