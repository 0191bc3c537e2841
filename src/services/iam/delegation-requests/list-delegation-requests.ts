import { AwsError } from '../../../errors/aws-error.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { member } from '../shared/members.js';
import { paginateArray } from '../shared/pagination.js';
import { allDelegationRequests, delegationRequestView, delegationRequests, type DelegationRecord } from './delegation-record.js';
import { delegationMember, delegationRequestOutput } from './delegation-shapes.js';

/**
 * The requests owned by identities of the caller's account, or by the one identity `OwnerId`
 * names (an ARN of the caller's account). A request nobody associated yet is never listed, even
 * when it names this account (the model's documentation). Oldest first.
 */
export const listDelegationRequests = defineOperation({
  name: 'ListDelegationRequests',
  action: 'iam:ListDelegationRequests',
  readOnly: true,
  input: shape.struct({ OwnerId: delegationMember.ownerId(), Marker: member.marker(), MaxItems: member.maxItems() }),
  authorization: { resource: () => '*' },
  output: shape.struct({
    DelegationRequests: shape.list(delegationRequestOutput),
    Marker: shape.string(),
    // The model's own spelling: lower-case i.
    isTruncated: shape.boolean(),
  }),
  async handler(input, ctx) {
    const accountId = ctx.caller.accountId;
    let owned: DelegationRecord[];
    if (input.OwnerId !== undefined) {
      if (input.OwnerId.split(':')[4] !== accountId) {
        throw new AwsError('InvalidInput', `The owner ${input.OwnerId} does not belong to your account.`);
      }
      owned = await delegationRequests.listForOwner(ctx.store, input.OwnerId);
    } else {
      owned = (await allDelegationRequests(ctx.store)).filter((r) => r.value.ownerId !== undefined && r.value.ownerAccountId === accountId);
    }
    owned.sort((a, b) => a.createDate - b.createDate || (a.name < b.name ? -1 : 1));
    const page = paginateArray(owned, input);
    return {
      DelegationRequests: page.items.map((r) => delegationRequestView(r, ctx.now)),
      ...(page.Marker !== undefined ? { Marker: page.Marker } : {}),
      isTruncated: page.IsTruncated,
    };
  },
});
