import { AwsError } from '../../../errors/aws-error.js';
import { parseArn } from '../../../model/arns.js';
import type { Role } from '../../../model/entities.js';

/**
 * What the calls that assume a role by its ARN without a caller's own AssumeRole path share:
 * AssumeRoleWithWebIdentity and a service's assumption for a credential grant.
 */

/** The account and name of a role ARN; ValidationError `<arn> is invalid` for anything else. */
export function parseRoleArn(roleArn: string): { accountId: string; roleName: string } {
  const parsed = parseArn(roleArn);
  const slash = parsed?.resource.lastIndexOf('/') ?? -1;
  if (!parsed || parsed.service !== 'iam' || !/^\d{12}$/.test(parsed.account) || !parsed.resource.startsWith('role/') || slash < 0) {
    throw new AwsError('ValidationError', `${roleArn} is invalid`);
  }
  return { accountId: parsed.account, roleName: parsed.resource.slice(slash + 1) };
}

/** The role's tags as resource tags (both spellings), as AssumeRole's trust evaluation has them. */
export function roleTagKeys(role: Role): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const t of role.tags) {
    keys[`aws:ResourceTag/${t.Key}`] = t.Value;
    keys[`iam:ResourceTag/${t.Key}`] = t.Value;
  }
  return keys;
}
