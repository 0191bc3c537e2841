import type { CompiledPolicy } from './compiled.js';

/**
 * Whether any statement of a compiled policy reads a condition key (in a Condition block or as a
 * policy variable) that `test` accepts. Lets the server skip looking up facts no policy reads.
 */
export function policyReadsKey(policy: CompiledPolicy, test: (key: string) => boolean): boolean {
  return policy.statements.some((s) => s.contextKeys.some(test));
}
