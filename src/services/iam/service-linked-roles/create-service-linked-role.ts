import { AwsError } from '../../../errors/aws-error.js';
import { iamArn } from '../../../model/arns.js';
import type { Role } from '../../../model/entities.js';
import { QUOTAS } from '../../../model/rules.js';
import { newId } from '../../../model/unique-ids.js';
import { shape } from '../../../model/shapes.js';
import { DuplicateError } from '../../../storage/store.js';
import { defineOperation } from '../../operation.js';
import { DEFAULT_MAX_SESSION_DURATION, roleMember } from '../roles/role-members.js';
import { roleOutput } from '../shared/role-policy-output-shapes.js';
import { roleView } from '../shared/views.js';
import { linkedRoleName, linkedRolePath, linkedService } from './known-services.js';

const NAME = { min: 1, pattern: /^[\w+=,.@-]+$/, patternText: '[\\w+=,.@-]+' };

/**
 * Creates the role a service uses in this account: `/aws-service-role/<service>/`, AWS's name for
 * it, a trust policy letting the service assume it. The request carries `iam:AWSServiceName`
 * (the request-context builder reads AWSServiceName). The role is authorized as the ARN it will
 * have; for a service keysmith does not know, with the name left empty.
 */
export const createServiceLinkedRole = defineOperation({
  name: 'CreateServiceLinkedRole',
  action: 'iam:CreateServiceLinkedRole',
  readOnly: false,
  input: shape.struct({
    AWSServiceName: shape.string({ required: true, max: 128, ...NAME }),
    Description: roleMember.description(),
    CustomSuffix: shape.string({ max: 64, ...NAME }),
  }),
  authorization: {
    resource: (input, ctx) => {
      const service = linkedService(input.AWSServiceName);
      const name = service ? linkedRoleName(service, input.CustomSuffix) : '';
      return iamArn(ctx.caller.accountId, 'role', linkedRolePath(input.AWSServiceName), name);
    },
  },
  output: shape.struct({ Role: roleOutput }),
  async handler(input, ctx) {
    const service = linkedService(input.AWSServiceName);
    if (!service) throw new AwsError('InvalidInput', `Service name ${input.AWSServiceName} is not a supported service`);
    if (input.CustomSuffix !== undefined && !service.suffixAllowed) {
      throw new AwsError('InvalidInput', `Custom suffix is not allowed for ${input.AWSServiceName}`);
    }
    const accountId = ctx.caller.accountId;
    const roleName = linkedRoleName(service, input.CustomSuffix);
    const path = linkedRolePath(input.AWSServiceName);
    const role: Role = {
      accountId,
      roleName,
      roleId: newId('AROA', accountId, ctx.random),
      path,
      arn: iamArn(accountId, 'role', path, roleName),
      createDate: ctx.now,
      assumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: [input.AWSServiceName] }, Action: ['sts:AssumeRole'] }],
      }),
      description: input.Description,
      maxSessionDuration: DEFAULT_MAX_SESSION_DURATION,
      tags: [],
    };
    const taken = () =>
      new AwsError('InvalidInput', `Service role name ${roleName} has been taken in this account, please try a different suffix.`);
    try {
      await ctx.store.transaction(async (tx) => {
        if (await tx.roles.getByName(accountId, roleName)) throw taken();
        if ((await tx.roles.count(accountId)) >= QUOTAS.RolesQuota) {
          throw new AwsError('LimitExceeded', `Cannot exceed quota for RolesPerAccount: ${QUOTAS.RolesQuota}`);
        }
        await tx.roles.create(role);
      });
    } catch (e) {
      if (e instanceof DuplicateError) throw taken();
      throw e;
    }
    return { Role: roleView(role, 'create') };
  },
});
