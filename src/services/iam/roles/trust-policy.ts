import { AwsError } from '../../../errors/aws-error.js';
import { policySize, QUOTAS } from '../../../model/rules.js';
import type { OperationContext } from '../../operation.js';

/**
 * Checks a role trust policy before it is stored (CreateRole, UpdateAssumeRolePolicy): the size
 * quota first (whitespace not counted, §4.8), then the grammar with AWS's MalformedPolicyDocument texts.
 */
export function checkTrustPolicy(ctx: OperationContext, document: string): void {
  if (policySize(document) > QUOTAS.AssumeRolePolicySizeQuota) {
    throw new AwsError('LimitExceeded', `Cannot exceed quota for ACLSizePerRole: ${QUOTAS.AssumeRolePolicySizeQuota}`);
  }
  ctx.policies.compile(document, 'trust', { requireCurrentVersion: true });
}
