import { AwsError } from '../../../errors/aws-error.js';
import { parseArn } from '../../../model/arns.js';
import type { OperationContext } from '../../operation.js';
import { requireAttachablePolicy, type ResolvedPolicy } from '../shared/policy-arns.js';

/**
 * A policy the caller may attach: AWS-managed, or customer-managed in the caller's own account
 * (another account's policy is "not attachable" here, even though the store could find it).
 * The texts differ by use (reference §4.2, §4.4): a permissions boundary answers InvalidInput /
 * "Scope ARN: … does not exist or is not attachable.", Attach*Policy answers ValidationError /
 * "Policy … does not exist or is not attachable.".
 */
export async function requireOwnAttachablePolicy(
  ctx: OperationContext,
  policyArn: string,
  use: 'boundary' | 'attach',
): Promise<ResolvedPolicy> {
  const notFound = () =>
    new AwsError(
      'NoSuchEntity',
      use === 'boundary'
        ? `Scope ARN: ${policyArn} does not exist or is not attachable.`
        : `Policy ${policyArn} does not exist or is not attachable.`,
    );
  const owner = parseArn(policyArn)?.account;
  try {
    const resolved = await requireAttachablePolicy(ctx, policyArn);
    if (owner !== 'aws' && owner !== ctx.caller.accountId) throw notFound();
    return resolved;
  } catch (e) {
    if (use === 'attach' && e instanceof AwsError) {
      if (e.code === 'InvalidInput') throw new AwsError('ValidationError', e.message);
      if (e.code === 'NoSuchEntity') throw notFound();
    }
    throw e;
  }
}
