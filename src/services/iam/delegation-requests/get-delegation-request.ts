import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { delegationRequestArn, delegationRequestView, requireVisibleRequest } from './delegation-record.js';
import { delegationMember, delegationRequestOutput } from './delegation-shapes.js';

/**
 * One request, to whoever may see it (delegation-record.ts, `visibleTo`). With
 * DelegationPermissionCheck keysmith answers COMPLETE / UNSURE: it has no policy templates to
 * render, so it cannot tell whether the caller holds the permissions asked for.
 */
export const getDelegationRequest = defineOperation({
  name: 'GetDelegationRequest',
  action: 'iam:GetDelegationRequest',
  readOnly: true,
  input: shape.struct({ DelegationRequestId: delegationMember.id(), DelegationPermissionCheck: shape.boolean() }),
  authorization: { resource: (input, ctx) => delegationRequestArn(ctx.caller.accountId, input.DelegationRequestId) },
  output: shape.struct({
    DelegationRequest: delegationRequestOutput,
    PermissionCheckStatus: shape.string(),
    PermissionCheckResult: shape.string(),
  }),
  async handler(input, ctx) {
    const record = await requireVisibleRequest(ctx, input.DelegationRequestId);
    const check = input.DelegationPermissionCheck === true ? { PermissionCheckStatus: 'COMPLETE', PermissionCheckResult: 'UNSURE' } : {};
    return { DelegationRequest: delegationRequestView(record, ctx.now), ...check };
  },
});
