import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { requireUser } from '../shared/lookups.js';
import { member, paging } from '../shared/members.js';
import { paginateArray } from '../shared/pagination.js';
import { userResource } from '../shared/resources.js';
import { tagListOutput, pageOutput } from '../shared/output-shapes.js';

/** Tags in insertion order, as AWS lists a user's tags; `Tags` is always present. */
export const listUserTags = defineOperation({
  name: 'ListUserTags',
  action: 'iam:ListUserTags',
  readOnly: true,
  input: shape.struct({ UserName: member.entityName(128), ...paging }),
  authorization: { resource: (input, ctx) => userResource(ctx, input.UserName) },
  output: shape.struct({ Tags: tagListOutput, ...pageOutput }),
  async handler(input, ctx) {
    const user = await requireUser(ctx, input.UserName);
    const page = paginateArray(user.tags, input);
    return { Tags: page.items.map((t) => ({ Key: t.Key, Value: t.Value })), IsTruncated: page.IsTruncated, Marker: page.Marker };
  },
});
