import { AwsError } from '../../../errors/aws-error.js';
import { iamArn } from '../../../model/arns.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { member } from '../shared/members.js';
import { instanceProfileOutput } from '../shared/role-policy-output-shapes.js';

/** No instance profile exists in keysmith, so every lookup is AWS's NoSuchEntity. */
export const getInstanceProfile = defineOperation({
  name: 'GetInstanceProfile',
  action: 'iam:GetInstanceProfile',
  readOnly: true,
  input: shape.struct({ InstanceProfileName: member.entityName(128) }),
  authorization: { resource: (input, ctx) => iamArn(ctx.caller.accountId, 'instance-profile', '/', input.InstanceProfileName) },
  output: shape.struct({ InstanceProfile: instanceProfileOutput }),
  async handler(input) {
    throw new AwsError('NoSuchEntity', `Instance Profile ${input.InstanceProfileName} cannot be found.`);
  },
});
