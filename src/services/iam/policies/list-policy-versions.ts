import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { member, paging } from '../shared/members.js';
import { paginateArray } from '../shared/pagination.js';
import { requirePolicy } from './policy-lookup.js';
import { awsPolicyVersions, newestFirst, versionView } from './policy-views.js';
import { pageOutput, policyVersionOutput } from '../shared/role-policy-output-shapes.js';

/** Newest first, without documents (§4.4). */
export const listPolicyVersions = defineOperation({
  name: 'ListPolicyVersions',
  action: 'iam:ListPolicyVersions',
  readOnly: true,
  input: shape.struct({ PolicyArn: member.arn(), ...paging }),
  authorization: { resource: (input) => input.PolicyArn },
  output: shape.struct({ Versions: shape.list(policyVersionOutput), ...pageOutput }),
  async handler(input, ctx) {
    const found = await requirePolicy(ctx, input.PolicyArn);
    const versions =
      found.kind === 'aws' ? awsPolicyVersions(found.policy) : await ctx.store.managedPolicies.listVersions(found.policy.arn);
    const page = paginateArray(newestFirst(versions), input);
    return {
      Versions: page.items.map((v) => versionView(v, found.policy.defaultVersionId, false)),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    };
  },
});
