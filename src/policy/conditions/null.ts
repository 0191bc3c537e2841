import type { ContextKey } from '../context-key.js';
import type { EvalScope } from '../scope.js';
import { InvalidConditionValue } from './operator.js';

/**
 * Null: `true` means "the key is absent", `false` means "the key is present". No variables, no
 * `IfExists`, no set qualifier. An empty multivalued key (`aws:TagKeys: []`) counts as absent,
 * since AWS omits a multivalued key that has no values.
 */
export function compileNull(key: ContextKey, values: readonly string[]): (scope: EvalScope) => boolean {
  const wants = values.map((v) => {
    const l = v.trim().toLowerCase();
    if (l !== 'true' && l !== 'false') throw new InvalidConditionValue(`Null takes true or false: ${v}`);
    return l === 'true';
  });
  const wantAbsent = wants.includes(true);
  const wantPresent = wants.includes(false);
  return (scope) => {
    const v = scope.get(key);
    const present = v !== undefined && (typeof v === 'string' || v.length > 0);
    return present ? wantPresent : wantAbsent;
  };
}
