import { AwsError } from '../../../errors/aws-error.js';
import { parseArn } from '../../../model/arns.js';
import { resolveManagedPolicy, type ResolvedPolicy } from '../../../authz/resolve-managed-policy.js';
import type { OperationContext } from '../../operation.js';

/**
 * Checks a policy ARN given for attachment or as a permissions boundary. Texts per reference §4.2:
 * a malformed ARN is InvalidInput "ARN … is not valid."; a missing policy is NoSuchEntity
 * "Scope ARN: … does not exist or is not attachable."
 */
export async function requireAttachablePolicy(ctx: OperationContext, policyArn: string): Promise<ResolvedPolicy> {
  const parsed = parseArn(policyArn);
  if (!parsed || parsed.service !== 'iam' || !parsed.resource.startsWith('policy/')) {
    throw new AwsError('InvalidInput', `ARN ${policyArn} is not valid.`);
  }
  // Customer-managed policies attach only inside their own account; AWS-managed ones anywhere.
  if (parsed.account !== 'aws' && parsed.account !== ctx.caller.accountId) {
    throw new AwsError('NoSuchEntity', `Scope ARN: ${policyArn} does not exist or is not attachable.`);
  }
  const resolved = await resolveManagedPolicy(ctx.store, policyArn);
  if (!resolved) throw new AwsError('NoSuchEntity', `Scope ARN: ${policyArn} does not exist or is not attachable.`);
  return resolved;
}

export type { ResolvedPolicy };
