import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { requireUser } from '../shared/lookups.js';
import { member, paging } from '../shared/members.js';
import { listOptions, pageResult } from '../shared/pagination.js';
import { userResource } from '../shared/resources.js';
import { groupView } from '../shared/views.js';
import { storePage } from './store-page.js';
import { groupOutput, pageOutput } from '../shared/output-shapes.js';

export const listGroupsForUser = defineOperation({
  name: 'ListGroupsForUser',
  action: 'iam:ListGroupsForUser',
  readOnly: true,
  input: shape.struct({ UserName: member.entityName(128), ...paging }),
  authorization: { resource: (input, ctx) => userResource(ctx, input.UserName) },
  output: shape.struct({ Groups: shape.list(groupOutput), ...pageOutput }),
  async handler(input, ctx) {
    const user = await requireUser(ctx, input.UserName);
    const page = await storePage(() =>
      ctx.store.groups.listGroupsForUser(user.userId, listOptions({ Marker: input.Marker, MaxItems: input.MaxItems })),
    );
    return { Groups: page.items.map(groupView), ...pageResult(page) };
  },
});
