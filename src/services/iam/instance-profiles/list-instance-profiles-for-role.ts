import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { requireRole } from '../shared/lookups.js';
import { member, paging } from '../shared/members.js';
import { roleResource } from '../shared/resources.js';
import { instanceProfileOutput, pageOutput } from '../shared/role-policy-output-shapes.js';

/**
 * keysmith has no instance profiles (there is no EC2 to use them), so every role has none. Tools
 * still ask before deleting a role (Terraform's aws_iam_role does), so the answer must be a
 * correct empty list, and NoSuchEntity for an unknown role as AWS answers.
 */
export const listInstanceProfilesForRole = defineOperation({
  name: 'ListInstanceProfilesForRole',
  action: 'iam:ListInstanceProfilesForRole',
  readOnly: true,
  input: shape.struct({ RoleName: member.entityName(64), ...paging }),
  authorization: { resource: (input, ctx) => roleResource(ctx, input.RoleName) },
  output: shape.struct({ InstanceProfiles: shape.list(instanceProfileOutput), ...pageOutput }),
  async handler(input, ctx) {
    await requireRole(ctx, input.RoleName);
    return { InstanceProfiles: [], IsTruncated: false };
  },
});
