import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { tagListOutput } from '../shared/output-shapes.js';
import { member, paging } from '../shared/members.js';
import { paginateArray } from '../shared/pagination.js';
import { pageOutput } from '../shared/role-policy-output-shapes.js';
import { instanceProfileResource, requireInstanceProfile } from './instance-profile-record.js';

/** "The returned list of tags is sorted by tag key" (ListInstanceProfileTags): by code unit, so `A` before `a`. */
export const listInstanceProfileTags = defineOperation({
  name: 'ListInstanceProfileTags',
  action: 'iam:ListInstanceProfileTags',
  readOnly: true,
  input: shape.struct({ InstanceProfileName: member.entityName(128), ...paging }),
  authorization: { resource: (input, ctx) => instanceProfileResource(ctx, input.InstanceProfileName) },
  output: shape.struct({ Tags: tagListOutput, ...pageOutput }),
  async handler(input, ctx) {
    const record = await requireInstanceProfile(ctx, input.InstanceProfileName);
    const sorted = [...record.value.tags].sort((a, b) => (a.Key < b.Key ? -1 : a.Key > b.Key ? 1 : 0));
    const page = paginateArray(sorted, input);
    return { Tags: page.items.map((t) => ({ Key: t.Key, Value: t.Value })), IsTruncated: page.IsTruncated, Marker: page.Marker };
  },
});
