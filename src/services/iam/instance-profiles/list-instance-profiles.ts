import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { storePage } from '../groups/store-page.js';
import { member, paging } from '../shared/members.js';
import { listOptions, pageResult } from '../shared/pagination.js';
import { instanceProfileOutput, pageOutput } from '../shared/role-policy-output-shapes.js';
import { instanceProfiles } from './instance-profile-record.js';
import { loadInstanceProfileView } from './instance-profile-view.js';

/** Authorized like ListRoles: on `instance-profile` plus the path prefix. Items carry no tags. */
export const listInstanceProfiles = defineOperation({
  name: 'ListInstanceProfiles',
  action: 'iam:ListInstanceProfiles',
  readOnly: true,
  input: shape.struct({ PathPrefix: member.pathPrefix(), ...paging }),
  authorization: { resource: (input, ctx) => `arn:aws:iam::${ctx.caller.accountId}:instance-profile${input.PathPrefix ?? '/'}` },
  output: shape.struct({ InstanceProfiles: shape.list(instanceProfileOutput), ...pageOutput }),
  async handler(input, ctx) {
    const page = await storePage(() => instanceProfiles.list(ctx.store, ctx.caller.accountId, listOptions(input)));
    const items = [];
    for (const record of page.items) items.push(await loadInstanceProfileView(ctx.store, record, { withTags: false }));
    return { InstanceProfiles: items, ...pageResult(page) };
  },
});
