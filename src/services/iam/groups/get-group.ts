import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { requireGroup } from '../shared/lookups.js';
import { member, paging } from '../shared/members.js';
import { listOptions, pageResult } from '../shared/pagination.js';
import { groupResource } from '../shared/resources.js';
import { groupView, userView } from '../shared/views.js';
import { storePage } from './store-page.js';
import { groupOutput, userOutput, pageOutput } from '../shared/output-shapes.js';

/** The group and one page of its members (list-shaped users: no tags). */
export const getGroup = defineOperation({
  name: 'GetGroup',
  action: 'iam:GetGroup',
  readOnly: true,
  input: shape.struct({ GroupName: member.entityName(128), ...paging }),
  authorization: { resource: (input, ctx) => groupResource(ctx, input.GroupName) },
  output: shape.struct({ Group: groupOutput, Users: shape.list(userOutput), ...pageOutput }),
  async handler(input, ctx) {
    const group = await requireGroup(ctx, input.GroupName);
    const page = await storePage(() =>
      ctx.store.groups.listMembers(group.groupId, listOptions({ Marker: input.Marker, MaxItems: input.MaxItems })),
    );
    return { Group: groupView(group), Users: page.items.map((u) => userView(u)), ...pageResult(page) };
  },
});
