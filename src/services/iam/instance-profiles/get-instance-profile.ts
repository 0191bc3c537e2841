import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { member } from '../shared/members.js';
import { instanceProfileOutput } from '../shared/role-policy-output-shapes.js';
import { instanceProfileResource, requireInstanceProfile } from './instance-profile-record.js';
import { loadInstanceProfileView } from './instance-profile-view.js';

export const getInstanceProfile = defineOperation({
  name: 'GetInstanceProfile',
  action: 'iam:GetInstanceProfile',
  readOnly: true,
  input: shape.struct({ InstanceProfileName: member.entityName(128) }),
  authorization: { resource: (input, ctx) => instanceProfileResource(ctx, input.InstanceProfileName) },
  output: shape.struct({ InstanceProfile: instanceProfileOutput }),
  async handler(input, ctx) {
    const record = await requireInstanceProfile(ctx, input.InstanceProfileName);
    return { InstanceProfile: await loadInstanceProfileView(ctx.store, record, { withTags: true }) };
  },
});
