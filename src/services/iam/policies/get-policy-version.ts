import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { member } from '../shared/members.js';
import { checkPolicyArn, findPolicy, versionNotFound } from './policy-lookup.js';
import { policyMember } from './policy-members.js';
import { awsPolicyVersions, versionView } from './policy-views.js';
import { policyVersionOutput } from '../shared/role-policy-output-shapes.js';

/** The Document is returned verbatim (URL-encoded once by the codec). */
export const getPolicyVersion = defineOperation({
  name: 'GetPolicyVersion',
  action: 'iam:GetPolicyVersion',
  readOnly: true,
  input: shape.struct({ PolicyArn: member.arn(), VersionId: policyMember.versionId() }),
  authorization: { resource: (input) => input.PolicyArn },
  output: shape.struct({ PolicyVersion: policyVersionOutput }),
  async handler(input, ctx) {
    checkPolicyArn(input.PolicyArn);
    const found = await findPolicy(ctx.store, ctx.caller.accountId, input.PolicyArn);
    if (!found) throw versionNotFound(input.PolicyArn, input.VersionId);
    const version =
      found.kind === 'aws'
        ? awsPolicyVersions(found.policy).find((v) => v.versionId === input.VersionId)
        : await ctx.store.managedPolicies.getVersion(found.policy.arn, input.VersionId);
    if (!version) throw versionNotFound(input.PolicyArn, input.VersionId);
    return { PolicyVersion: versionView(version, found.policy.defaultVersionId, true) };
  },
});
