import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { member } from '../shared/members.js';
import { requirePolicy } from './policy-lookup.js';
import { policyUsage } from './policy-usage.js';
import { policyView } from './policy-views.js';
import { policyOutput } from '../shared/role-policy-output-shapes.js';

/** Customer-managed or AWS-managed; AttachmentCount and boundary use are this account's. */
export const getPolicy = defineOperation({
  name: 'GetPolicy',
  action: 'iam:GetPolicy',
  readOnly: true,
  input: shape.struct({ PolicyArn: member.arn() }),
  authorization: { resource: (input) => input.PolicyArn },
  output: shape.struct({ Policy: policyOutput }),
  async handler(input, ctx) {
    const found = await requirePolicy(ctx, input.PolicyArn);
    const usage = await policyUsage(ctx.store, ctx.caller.accountId, found.policy.arn);
    return { Policy: policyView(found.policy, usage, 'get') };
  },
});
