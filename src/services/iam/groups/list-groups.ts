import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { member, paging } from '../shared/members.js';
import { listOptions, pageResult } from '../shared/pagination.js';
import { groupView } from '../shared/views.js';
import { storePage } from './store-page.js';
import { groupOutput, pageOutput } from '../shared/output-shapes.js';

/** AWS authorizes the listing against the group ARN of the path prefix (`…:group/` by default). */
export const listGroups = defineOperation({
  name: 'ListGroups',
  action: 'iam:ListGroups',
  readOnly: true,
  input: shape.struct({ PathPrefix: member.pathPrefix(), ...paging }),
  authorization: { resource: (input, ctx) => `arn:aws:iam::${ctx.caller.accountId}:group${input.PathPrefix ?? '/'}` },
  output: shape.struct({ Groups: shape.list(groupOutput), ...pageOutput }),
  async handler(input, ctx) {
    const page = await storePage(() => ctx.store.groups.list(ctx.caller.accountId, listOptions(input)));
    return { Groups: page.items.map(groupView), ...pageResult(page) };
  },
});
