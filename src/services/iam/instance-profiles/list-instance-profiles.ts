import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { member, paging } from '../shared/members.js';
import { instanceProfileOutput, pageOutput } from '../shared/role-policy-output-shapes.js';

/** Always empty: keysmith creates no instance profiles (see list-instance-profiles-for-role.ts). */
export const listInstanceProfiles = defineOperation({
  name: 'ListInstanceProfiles',
  action: 'iam:ListInstanceProfiles',
  readOnly: true,
  input: shape.struct({ PathPrefix: member.pathPrefix(), ...paging }),
  authorization: { resource: (_input, ctx) => `arn:aws:iam::${ctx.caller.accountId}:instance-profile/*` },
  output: shape.struct({ InstanceProfiles: shape.list(instanceProfileOutput), ...pageOutput }),
  async handler() {
    return { InstanceProfiles: [], IsTruncated: false };
  },
});
