import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { storePage } from '../groups/store-page.js';
import { requireRole } from '../shared/lookups.js';
import { member, paging } from '../shared/members.js';
import { listOptions, pageResult } from '../shared/pagination.js';
import { roleResource } from '../shared/resources.js';
import { instanceProfileOutput, pageOutput } from '../shared/role-policy-output-shapes.js';
import { instanceProfiles } from './instance-profile-record.js';
import { instanceProfileView } from './instance-profile-view.js';

/** The role's profiles are the records it owns (ownerId = role id); NoSuchEntity for an unknown role. */
export const listInstanceProfilesForRole = defineOperation({
  name: 'ListInstanceProfilesForRole',
  action: 'iam:ListInstanceProfilesForRole',
  readOnly: true,
  input: shape.struct({ RoleName: member.entityName(64), ...paging }),
  authorization: { resource: (input, ctx) => roleResource(ctx, input.RoleName) },
  output: shape.struct({ InstanceProfiles: shape.list(instanceProfileOutput), ...pageOutput }),
  async handler(input, ctx) {
    const role = await requireRole(ctx, input.RoleName);
    const options = { ...listOptions({ Marker: input.Marker, MaxItems: input.MaxItems }), ownerId: role.roleId };
    const page = await storePage(() => instanceProfiles.list(ctx.store, ctx.caller.accountId, options));
    return { InstanceProfiles: page.items.map((r) => instanceProfileView(r, role, { withTags: false })), ...pageResult(page) };
  },
});
