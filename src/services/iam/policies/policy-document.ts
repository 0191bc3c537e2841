import { AwsError } from '../../../errors/aws-error.js';
import { policySize, QUOTAS } from '../../../model/rules.js';
import type { OperationContext } from '../../operation.js';

/**
 * Checks a managed-policy document before it is stored (CreatePolicy, CreatePolicyVersion): the
 * size quota (whitespace not counted, §4.8), then the grammar with AWS's MalformedPolicyDocument texts.
 */
export function checkManagedPolicyDocument(ctx: OperationContext, document: string): void {
  if (policySize(document) > QUOTAS.PolicySizeQuota) {
    throw new AwsError('LimitExceeded', `Cannot exceed quota for PolicySize: ${QUOTAS.PolicySizeQuota}`);
  }
  ctx.policies.compile(document, 'identity', { requireCurrentVersion: true });
}
