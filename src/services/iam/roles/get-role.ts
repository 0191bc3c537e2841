import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { requireRole } from '../shared/lookups.js';
import { member } from '../shared/members.js';
import { roleResource } from '../shared/resources.js';
import { roleView } from '../shared/views.js';
import { roleOutput } from '../shared/role-policy-output-shapes.js';

export const getRole = defineOperation({
  name: 'GetRole',
  action: 'iam:GetRole',
  readOnly: true,
  input: shape.struct({ RoleName: member.entityName(64) }),
  authorization: { resource: (input, ctx) => roleResource(ctx, input.RoleName) },
  output: shape.struct({ Role: roleOutput }),
  async handler(input, ctx) {
    return { Role: roleView(await requireRole(ctx, input.RoleName), 'get') };
  },
});
