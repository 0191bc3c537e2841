import { AwsError } from '../../errors/aws-error.js';
import { partition } from '../../model/arns.js';
import { shape } from '../../model/shapes.js';
import { defineOperation } from '../operation.js';
import { stsMember } from './shared/members.js';
import { credentialsOutput } from './shared/output-shapes.js';

/**
 * STS AssumeRoot: root credentials on a member account, for an Organizations management account
 * (or delegated administrator) with centralized root access. keysmith has no organizations, so
 * no account can be one: after the input checks and the permission check, the call is refused
 * with AccessDenied (docs/iam/settings-organizations-delegation.md; the text is keysmith's). Root credentials are refused
 * first, as AWS documents ("You cannot use root user credentials to make this call").
 */
export const assumeRoot = defineOperation({
  name: 'AssumeRoot',
  action: 'sts:AssumeRoot',
  readOnly: true,
  input: shape.struct({
    TargetPrincipal: shape.string({ required: true, min: 12, max: 2048 }),
    TaskPolicyArn: shape.struct({ arn: stsMember.policyArns().member.members.arn }, { required: true }),
    DurationSeconds: shape.integer({ min: 0, max: 900 }),
  }),
  authorization: { resource: (input) => `arn:${partition}:iam::${input.TargetPrincipal}:root` },
  output: shape.struct({ Credentials: credentialsOutput, SourceIdentity: shape.string() }),
  async handler(input, ctx) {
    if (ctx.caller.type === 'Root') throw new AwsError('AccessDenied', 'Root users cannot call AssumeRoot.');
    throw new AwsError(
      'AccessDenied',
      `Account ${ctx.caller.accountId} cannot call AssumeRoot on ${input.TargetPrincipal}: it is not the management account or a delegated administrator of an organization with centralized root access.`,
    );
  },
});
