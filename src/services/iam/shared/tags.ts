import { AwsError } from '../../../errors/aws-error.js';
import type { Tag } from '../../../model/entities.js';
import { QUOTAS } from '../../../model/rules.js';

/**
 * IAM tag rules (reference §4.1). Users and roles compare keys ignoring case (a new casing
 * replaces the old tag); managed policies compare them exactly.
 */
export type TagKeyCase = 'insensitive' | 'sensitive';

const norm = (key: string, mode: TagKeyCase) => (mode === 'insensitive' ? key.toLowerCase() : key);

export function checkNoDuplicates(tags: readonly Tag[], mode: TagKeyCase): void {
  const seen = new Set<string>();
  for (const t of tags) {
    const k = norm(t.Key, mode);
    if (seen.has(k)) {
      throw new AwsError(
        'InvalidInput',
        mode === 'insensitive' ? 'Duplicate tag keys found. Please note that Tag keys are case insensitive.' : 'Duplicate tag keys found.',
      );
    }
    seen.add(k);
  }
  for (const t of tags) {
    if (t.Key.toLowerCase().startsWith('aws:')) throw new AwsError('InvalidInput', 'User-defined tag keys can\'t start with "aws:".');
  }
}

/** TagX: overwrite values of existing keys, append new ones, enforce the 50-tag limit. */
export function mergeTags(existing: readonly Tag[], added: readonly Tag[], mode: TagKeyCase): Tag[] {
  checkNoDuplicates(added, mode);
  const result = existing.filter((t) => !added.some((a) => norm(a.Key, mode) === norm(t.Key, mode)));
  result.push(...added.map((t) => ({ Key: t.Key, Value: t.Value })));
  if (result.length > QUOTAS.TagsPerResource) throw new AwsError('LimitExceeded', 'The number of tags has reached the maximum limit.');
  return result;
}

export function removeTags(existing: readonly Tag[], keys: readonly string[], mode: TagKeyCase): Tag[] {
  const drop = new Set(keys.map((k) => norm(k, mode)));
  return existing.filter((t) => !drop.has(norm(t.Key, mode)));
}
