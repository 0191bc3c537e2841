import { AwsError } from '../../../errors/aws-error.js';
import { policySize, QUOTAS } from '../../../model/rules.js';
import type { OperationContext } from '../../operation.js';
import { checkTrustPrincipalsExist } from './trust-principals.js';

/**
 * Checks a role trust policy before it is stored (CreateRole, UpdateAssumeRolePolicy): the size
 * quota first (whitespace not counted, §4.8), then the grammar with AWS's MalformedPolicyDocument
 * texts, then that the IAM users and roles it names exist.
 */
export async function checkTrustPolicy(ctx: OperationContext, document: string): Promise<void> {
  if (policySize(document) > QUOTAS.AssumeRolePolicySizeQuota) {
    throw new AwsError('LimitExceeded', `Cannot exceed quota for ACLSizePerRole: ${QUOTAS.AssumeRolePolicySizeQuota}`);
  }
  ctx.policies.compile(document, 'trust', { requireCurrentVersion: true });
  await checkTrustPrincipalsExist(ctx.store, document);
}
