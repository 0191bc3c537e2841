import { type CompiledPolicy, parsePolicy, type PolicyKind } from '../policy/index.js';

/**
 * Compiles each distinct policy text once. Keyed by kind and the exact text, so a cached entry
 * can never be stale: a changed policy is a different key. Bounded by clearing when full.
 */
export class PolicyCompiler {
  private readonly cache = new Map<string, CompiledPolicy>();

  constructor(private readonly maxEntries = 10_000) {}

  /** Throws MalformedPolicyDocument (AWS's texts) when the document is invalid. */
  compile(text: string, kind: PolicyKind, options: { requireCurrentVersion?: boolean } = {}): CompiledPolicy {
    const key = `${kind}\u0000${options.requireCurrentVersion ? 1 : 0}\u0000${text}`;
    let compiled = this.cache.get(key);
    if (compiled === undefined) {
      compiled = parsePolicy(text, kind, options);
      if (this.cache.size >= this.maxEntries) this.cache.clear();
      this.cache.set(key, compiled);
    }
    return compiled;
  }
}
