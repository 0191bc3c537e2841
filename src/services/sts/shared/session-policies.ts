import { AwsError } from '../../../errors/aws-error.js';
import type { Tag } from '../../../model/entities.js';
import { parseArn } from '../../../model/arns.js';
import type { OperationContext } from '../../operation.js';

/**
 * Session policies passed to AssumeRole / GetFederationToken: the inline Policy (validated as a
 * session policy), up to 10 managed PolicyArns (AWS-managed or in the session's account), the
 * 2,048-character plaintext limit, and the packed size AWS reports as a percentage.
 */
export const MAX_POLICY_ARNS = 10;
export const MAX_SESSION_POLICY_PLAINTEXT = 2048;

export function checkSessionPolicies(
  ctx: Pick<OperationContext, 'policies'>,
  policy: string | undefined,
  policyArns: readonly string[],
  accountId: string,
): void {
  if (policyArns.length > MAX_POLICY_ARNS) {
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to ${MAX_POLICY_ARNS}`,
    );
  }
  if (policy !== undefined) {
    if (policy.length > MAX_SESSION_POLICY_PLAINTEXT) {
      throw new AwsError(
        'ValidationError',
        `1 validation error detected: Value '${policy}' at 'policy' failed to satisfy constraint: Member must have length less than or equal to ${MAX_SESSION_POLICY_PLAINTEXT}`,
      );
    }
    ctx.policies.compile(policy, 'session');
  }
  for (const arn of policyArns) {
    const parsed = parseArn(arn);
    if (
      !parsed ||
      parsed.service !== 'iam' ||
      !parsed.resource.startsWith('policy/') ||
      (parsed.account !== 'aws' && parsed.account !== accountId)
    ) {
      throw new AwsError('InvalidParameterValue', `The policy ARN ${arn} is not valid for a session policy in account ${accountId}.`);
    }
  }
}

/**
 * AWS packs session policies and tags into a compressed form with a fixed budget and reports
 * the share used. The algorithm is undocumented; this estimate (1% per 10 characters of compact
 * JSON, ARNs and tags) matches the recorded calibration points closely enough and is monotone.
 */
export function packedPolicySize(policy: string | undefined, policyArns: readonly string[], tags: readonly Tag[]): number {
  let chars = 0;
  if (policy !== undefined) chars += JSON.stringify(JSON.parse(policy)).length;
  for (const arn of policyArns) chars += arn.length;
  for (const t of tags) chars += t.Key.length + t.Value.length + 2;
  const percent = Math.ceil(chars / 10);
  if (percent > 100) throw new AwsError('PackedPolicyTooLarge', `Packed policy consumes ${percent}% of allotted space`);
  return percent;
}
