import { AwsError } from '../../../errors/aws-error.js';
import type { Role } from '../../../model/entities.js';
import { iamArn } from '../../../model/arns.js';
import { QUOTAS } from '../../../model/rules.js';
import { newId } from '../../../model/unique-ids.js';
import { shape } from '../../../model/shapes.js';
import { DuplicateError } from '../../../storage/store.js';
import { defineOperation } from '../../operation.js';
import { member } from '../shared/members.js';
import { requireOwnAttachablePolicy } from '../attached-policies/attachable-policy.js';
import { checkNoDuplicates } from '../shared/tags.js';
import { roleView } from '../shared/views.js';
import { DEFAULT_MAX_SESSION_DURATION, roleMember } from './role-members.js';
import { withStore } from './in-transaction.js';
import { checkTrustPolicy } from './trust-policy.js';
import { refuseServiceLinkedPath } from './service-linked-guard.js';
import { roleOutput } from '../shared/role-policy-output-shapes.js';

export const createRole = defineOperation({
  name: 'CreateRole',
  action: 'iam:CreateRole',
  readOnly: false,
  input: shape.struct({
    Path: member.path(),
    RoleName: member.entityName(64),
    AssumeRolePolicyDocument: member.policyDocument(),
    Description: roleMember.description(),
    MaxSessionDuration: roleMember.maxSessionDuration(),
    PermissionsBoundary: member.optionalArn(),
    Tags: member.tags(),
  }),
  authorization: { resource: (input, ctx) => iamArn(ctx.caller.accountId, 'role', input.Path ?? '/', input.RoleName) },
  output: shape.struct({ Role: roleOutput }),
  async handler(input, ctx) {
    const accountId = ctx.caller.accountId;
    const tags = input.Tags ?? [];
    checkNoDuplicates(tags, 'insensitive');
    refuseServiceLinkedPath(input.Path ?? '/');
    await checkTrustPolicy(ctx, input.AssumeRolePolicyDocument);
    const path = input.Path ?? '/';
    const role: Role = {
      accountId,
      roleName: input.RoleName,
      roleId: newId('AROA', accountId, ctx.random),
      path,
      arn: iamArn(accountId, 'role', path, input.RoleName),
      createDate: ctx.now,
      assumeRolePolicyDocument: input.AssumeRolePolicyDocument,
      description: input.Description,
      maxSessionDuration: input.MaxSessionDuration ?? DEFAULT_MAX_SESSION_DURATION,
      permissionsBoundaryArn: input.PermissionsBoundary,
      tags: tags.map((t) => ({ Key: t.Key, Value: t.Value })),
    };
    try {
      await ctx.store.transaction(async (tx) => {
        if ((await tx.roles.count(accountId)) >= QUOTAS.RolesQuota) {
          throw new AwsError('LimitExceeded', `Cannot exceed quota for RolesPerAccount: ${QUOTAS.RolesQuota}`);
        }
        // Checked inside the transaction so the boundary policy cannot vanish between check and write.
        if (input.PermissionsBoundary !== undefined)
          await requireOwnAttachablePolicy(withStore(ctx, tx), input.PermissionsBoundary, 'boundary');
        await tx.roles.create(role);
      });
    } catch (e) {
      if (e instanceof DuplicateError) throw new AwsError('EntityAlreadyExists', `Role with name ${input.RoleName} already exists.`);
      throw e;
    }
    return { Role: roleView(role, 'create') };
  },
});
