import { AwsError } from '../../../errors/aws-error.js';
import type { Tag } from '../../../model/entities.js';
import type { AssumedRoleClaims } from '../../../model/session.js';

/**
 * Session tag rules (reference §2.3.4): keys are case-insensitive; transitive keys must be among
 * the tags; a chained session inherits the caller's transitive tags and may not set them again.
 */
export interface SessionTags {
  tags: Tag[];
  transitiveTagKeys: string[];
}

const lower = (s: string) => s.toLowerCase();

export function mergeSessionTags(
  requested: readonly Tag[],
  transitive: readonly string[],
  parent: AssumedRoleClaims | undefined,
): SessionTags {
  const seen = new Set<string>();
  for (const t of requested) {
    if (seen.has(lower(t.Key))) {
      throw new AwsError('InvalidParameterValue', 'Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    }
    seen.add(lower(t.Key));
    if (lower(t.Key).startsWith('aws:'))
      throw new AwsError('InvalidParameterValue', 'Tag keys starting with aws: are reserved for AWS use.');
  }
  for (const key of transitive) {
    if (!seen.has(lower(key)))
      throw new AwsError('InvalidParameterValue', 'The specified transitive tag key must be included in the requested tags.');
  }
  const inheritedKeys = new Set((parent?.transitiveTagKeys ?? []).map(lower));
  const inherited = (parent?.tags ?? []).filter((t) => inheritedKeys.has(lower(t.Key)));
  if (requested.some((t) => inheritedKeys.has(lower(t.Key)))) {
    throw new AwsError(
      'InvalidParameterValue',
      "One of the specified transitive tag keys can't be set because it conflicts with a transitive tag key from the calling session.",
    );
  }
  return {
    tags: [...inherited, ...requested.map((t) => ({ Key: t.Key, Value: t.Value }))],
    transitiveTagKeys: [...(parent?.transitiveTagKeys ?? []), ...transitive],
  };
}
