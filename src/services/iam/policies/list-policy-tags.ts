import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { member, paging } from '../shared/members.js';
import { paginateArray } from '../shared/pagination.js';
import { requirePolicy } from './policy-lookup.js';
import { tagListOutput } from '../shared/output-shapes.js';
import { pageOutput } from '../shared/role-policy-output-shapes.js';

/** AWS-managed policies carry no tags visible to an account: an empty list. */
export const listPolicyTags = defineOperation({
  name: 'ListPolicyTags',
  action: 'iam:ListPolicyTags',
  readOnly: true,
  input: shape.struct({ PolicyArn: member.arn(), ...paging }),
  authorization: { resource: (input) => input.PolicyArn },
  output: shape.struct({ Tags: tagListOutput, ...pageOutput }),
  async handler(input, ctx) {
    const found = await requirePolicy(ctx, input.PolicyArn);
    const page = paginateArray(found.kind === 'local' ? found.policy.tags : [], input);
    return { Tags: page.items.map((t) => ({ Key: t.Key, Value: t.Value })), IsTruncated: page.IsTruncated, Marker: page.Marker };
  },
});
