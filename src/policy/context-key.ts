import { flat } from './flat-string.js';

/**
 * A condition key (or policy-variable key) as a policy names it, prepared at compile time for
 * request-time lookups. Key names are case-insensitive, so `key` is the lowercased name; `name`
 * is the spelling the policy used. Request contexts almost always spell a key the way policies
 * do (`aws:SourceIp`), so a lookup (scope.ts) first compares spellings — one native string
 * comparison, the policy's spelling being internalized like the context's property names
 * (flat-string.ts) — and folds case character by character only when they differ. Measured
 * on the policy bench's 17-key context: creating a decision's scope and looking up four keys
 * took 450–550 ns when every match was case-folded, 120–180 ns now.
 *
 * VAR tokens (template.ts) have the same two fields, so they are ContextKeys as they are; Glob
 * internalizes the spellings of those it matches with.
 */
export interface ContextKey {
  readonly name: string;
  /** Lowercased. */
  readonly key: string;
}

export function contextKey(name: string): ContextKey {
  return { name: flat(name), key: name.toLowerCase() };
}
