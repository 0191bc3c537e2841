import { AwsError } from '../../../errors/aws-error.js';
import type { PolicyVersion } from '../../../model/entities.js';
import { QUOTAS } from '../../../model/rules.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { withStore } from '../roles/in-transaction.js';
import { member } from '../shared/members.js';
import { checkManagedPolicyDocument } from './policy-document.js';
import { requireOwnPolicy } from './policy-lookup.js';
import { versionView } from './policy-views.js';
import { nextVersionId } from './version-counter.js';
import { policyVersionOutput } from '../shared/role-policy-output-shapes.js';

/**
 * Adds `v<n+1>` (numbers never reused), at most five versions per policy. The policy's UpdateDate
 * becomes the new version's date. The result carries no Document (§4.4).
 */
export const createPolicyVersion = defineOperation({
  name: 'CreatePolicyVersion',
  action: 'iam:CreatePolicyVersion',
  readOnly: false,
  input: shape.struct({ PolicyArn: member.arn(), PolicyDocument: member.policyDocument(), SetAsDefault: shape.boolean() }),
  authorization: { resource: (input) => input.PolicyArn },
  output: shape.struct({ PolicyVersion: policyVersionOutput }),
  async handler(input, ctx) {
    const outside = 'Cannot update policies outside your own account.';
    await requireOwnPolicy(ctx, input.PolicyArn, outside);
    checkManagedPolicyDocument(ctx, input.PolicyDocument);
    const { version, defaultVersionId } = await ctx.store.transaction(async (tx) => {
      const policy = await requireOwnPolicy(withStore(ctx, tx), input.PolicyArn, outside);
      const versions = await tx.managedPolicies.listVersions(policy.arn);
      if (versions.length >= QUOTAS.VersionsPerPolicyQuota) {
        throw new AwsError(
          'LimitExceeded',
          `A managed policy can have up to ${QUOTAS.VersionsPerPolicyQuota} versions. Before you create a new version, you must delete an existing version.`,
        );
      }
      const created: PolicyVersion = {
        policyArn: policy.arn,
        versionId: await nextVersionId(tx, policy, versions),
        document: input.PolicyDocument,
        createDate: ctx.now,
      };
      await tx.managedPolicies.addVersion(created);
      const updated = {
        ...policy,
        defaultVersionId: input.SetAsDefault ? created.versionId : policy.defaultVersionId,
        updateDate: ctx.now,
      };
      await tx.managedPolicies.update(updated);
      return { version: created, defaultVersionId: updated.defaultVersionId };
    });
    return { PolicyVersion: versionView(version, defaultVersionId, false) };
  },
});
