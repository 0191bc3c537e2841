import { AwsError } from '../../../errors/aws-error.js';
import { iamArn } from '../../../model/arns.js';
import type { ManagedPolicy } from '../../../model/entities.js';
import { QUOTAS } from '../../../model/rules.js';
import { newId } from '../../../model/unique-ids.js';
import { shape } from '../../../model/shapes.js';
import { DuplicateError } from '../../../storage/store.js';
import { defineOperation } from '../../operation.js';
import { member } from '../shared/members.js';
import { checkNoDuplicates } from '../shared/tags.js';
import { checkManagedPolicyDocument } from './policy-document.js';
import { policyMember } from './policy-members.js';
import { policyView } from './policy-views.js';
import { policyOutput } from '../shared/role-policy-output-shapes.js';

/** Creates the policy with `v1` as its default version. Managed-policy tag keys are case-sensitive. */
export const createPolicy = defineOperation({
  name: 'CreatePolicy',
  action: 'iam:CreatePolicy',
  readOnly: false,
  input: shape.struct({
    PolicyName: member.entityName(128),
    Path: policyMember.path(),
    PolicyDocument: member.policyDocument(),
    Description: member.description(),
    Tags: member.tags(),
  }),
  authorization: { resource: (input, ctx) => iamArn(ctx.caller.accountId, 'policy', input.Path ?? '/', input.PolicyName) },
  output: shape.struct({ Policy: policyOutput }),
  async handler(input, ctx) {
    const accountId = ctx.caller.accountId;
    const tags = input.Tags ?? [];
    checkNoDuplicates(tags, 'sensitive');
    checkManagedPolicyDocument(ctx, input.PolicyDocument);
    const path = input.Path ?? '/';
    const arn = iamArn(accountId, 'policy', path, input.PolicyName);
    const policy: ManagedPolicy = {
      accountId,
      policyName: input.PolicyName,
      policyId: newId('ANPA', accountId, ctx.random),
      path,
      arn,
      description: input.Description,
      defaultVersionId: 'v1',
      createDate: ctx.now,
      updateDate: ctx.now,
      tags: tags.map((t) => ({ Key: t.Key, Value: t.Value })),
    };
    try {
      await ctx.store.transaction(async (tx) => {
        if ((await tx.managedPolicies.count(accountId)) >= QUOTAS.PoliciesQuota) {
          throw new AwsError('LimitExceeded', `Cannot exceed quota for PoliciesPerAccount: ${QUOTAS.PoliciesQuota}`);
        }
        await tx.managedPolicies.create(policy, { policyArn: arn, versionId: 'v1', document: input.PolicyDocument, createDate: ctx.now });
      });
    } catch (e) {
      if (e instanceof DuplicateError) {
        throw new AwsError('EntityAlreadyExists', `A policy called ${input.PolicyName} already exists. Duplicate names are not allowed.`);
      }
      throw e;
    }
    return { Policy: policyView(policy, { attachmentCount: 0, boundaryCount: 0 }, 'create') };
  },
});
