import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { requireRole } from '../shared/lookups.js';
import { member, paging } from '../shared/members.js';
import { paginateArray } from '../shared/pagination.js';
import { roleResource } from '../shared/resources.js';
import { tagListOutput } from '../shared/output-shapes.js';
import { pageOutput } from '../shared/role-policy-output-shapes.js';

export const listRoleTags = defineOperation({
  name: 'ListRoleTags',
  action: 'iam:ListRoleTags',
  readOnly: true,
  input: shape.struct({ RoleName: member.entityName(64), ...paging }),
  authorization: { resource: (input, ctx) => roleResource(ctx, input.RoleName) },
  output: shape.struct({ Tags: tagListOutput, ...pageOutput }),
  async handler(input, ctx) {
    const role = await requireRole(ctx, input.RoleName);
    const page = paginateArray(role.tags, input);
    return { Tags: page.items.map((t) => ({ Key: t.Key, Value: t.Value })), IsTruncated: page.IsTruncated, Marker: page.Marker };
  },
});
