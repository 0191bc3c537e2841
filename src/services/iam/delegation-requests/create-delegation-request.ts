import { AwsError } from '../../../errors/aws-error.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { randomUuid } from '../account-settings/settings-records.js';
import { DELEGATION_LIFETIME_MS, allDelegationRequests, delegationRequestArn, delegationRequests, stateAt } from './delegation-record.js';
import { delegationMember } from './delegation-shapes.js';

/**
 * A partner asks for temporary access to an account (AWS restricts the call to onboarded
 * partners; keysmith lets any principal the policies allow). The request starts UNASSIGNED,
 * waits for an owner (AssociateDelegationRequest) and expires after 7 days. keysmith sends no
 * notification on NotificationChannel. A requestor's workflow id names one live request:
 * reusing it while that request is open is EntityAlreadyExists.
 */
export const createDelegationRequest = defineOperation({
  name: 'CreateDelegationRequest',
  action: 'iam:CreateDelegationRequest',
  readOnly: false,
  input: shape.struct({
    OwnerAccountId: delegationMember.accountId(),
    Description: delegationMember.description(),
    Permissions: delegationMember.permissions(),
    RequestMessage: delegationMember.requestMessage(),
    RequestorWorkflowId: delegationMember.workflowId(),
    RedirectUrl: delegationMember.redirectUrl(),
    NotificationChannel: delegationMember.notificationChannel(),
    SessionDuration: shape.integer({ required: true, min: 300, max: 43200 }),
    OnlySendByOwner: shape.boolean(),
  }),
  // The id is not known before the call: the ARN names the request type in the caller's account.
  authorization: { resource: (_input, ctx) => delegationRequestArn(ctx.caller.accountId, '*') },
  output: shape.struct({ ConsoleDeepLink: shape.string(), DelegationRequestId: shape.string() }),
  async handler(input, ctx) {
    const requestorId = ctx.caller.accountId;
    const id = randomUuid(ctx.random);
    await ctx.store.transaction(async (tx) => {
      for (const existing of await allDelegationRequests(tx)) {
        if (existing.value.requestorId !== requestorId) continue;
        const open = !['FINALIZED', 'REJECTED', 'EXPIRED'].includes(stateAt(existing.value, ctx.now));
        if (open && existing.value.requestorWorkflowId === input.RequestorWorkflowId) {
          throw new AwsError('EntityAlreadyExists', `A delegation request with workflow id ${input.RequestorWorkflowId} already exists.`);
        }
      }
      await delegationRequests.create(tx, {
        accountId: '',
        name: id,
        path: '/',
        createDate: ctx.now,
        value: {
          requestorId,
          ...(input.OwnerAccountId !== undefined ? { ownerAccountId: input.OwnerAccountId } : {}),
          description: input.Description,
          ...(input.RequestMessage !== undefined ? { requestMessage: input.RequestMessage } : {}),
          ...(input.Permissions.PolicyTemplateArn !== undefined ? { policyTemplateArn: input.Permissions.PolicyTemplateArn } : {}),
          ...(input.Permissions.Parameters !== undefined ? { parameters: input.Permissions.Parameters } : {}),
          requestorWorkflowId: input.RequestorWorkflowId,
          ...(input.RedirectUrl !== undefined ? { redirectUrl: input.RedirectUrl } : {}),
          notificationChannel: input.NotificationChannel,
          sessionDuration: input.SessionDuration,
          onlySendByOwner: input.OnlySendByOwner ?? false,
          state: 'UNASSIGNED',
          expirationTime: ctx.now + DELEGATION_LIFETIME_MS,
          updatedTime: ctx.now,
        },
      });
    });
    return { ConsoleDeepLink: `https://console.aws.amazon.com/iam/home#/delegation-requests/${id}`, DelegationRequestId: id };
  },
});
