import type { ContextKey } from './context-key.js';
import type { AuthzRequest, ContextValue } from './types.js';

/**
 * Per-decision view of the request context. Condition key names are case-insensitive (tag-key
 * suffixes included). Rather than lowercasing the whole context for every decision (most
 * decisions read two or three keys, some none), a lookup scans the context's keys — comparing
 * lengths first, so almost every key is rejected without touching its characters, then the
 * spelling (context-key.ts) — and the answer is remembered for the rest of the decision.
 *
 * Two context keys that differ only in case (a resource tagged both `ec2` and `EC2`) merge into
 * one multivalued key: AWS says the policy key matches both, and their values may differ.
 */
export class EvalScope {
  /** Keys already looked up (lowercased) and their values, alternating: one array to allocate. */
  private readonly memo: (ContextValue | undefined)[] = [];

  constructor(readonly request: AuthzRequest) {}

  /** The value of a condition key, or undefined if absent. */
  get(key: ContextKey): ContextValue | undefined {
    const lower = key.key;
    const memo = this.memo;
    for (let i = 0; i < memo.length; i += 2) if (memo[i] === lower) return memo[i + 1];
    const v = lookup(this.request.context, key.name, lower);
    memo.push(lower, v);
    return v;
  }

  /**
   * The value of a policy variable: only single-valued keys can be variables, so a multivalued
   * key is unresolvable, like an absent one.
   */
  variable(key: ContextKey, def: string | undefined): string | undefined {
    const raw = this.get(key);
    return typeof raw === 'string' ? raw : def;
  }
}

function lookup(context: Readonly<Record<string, ContextValue>>, name: string, key: string): ContextValue | undefined {
  let found: ContextValue | undefined;
  let merged: string[] | undefined;
  const n = key.length;
  for (const k in context) {
    if (k.length !== n || (k !== name && !equalsLower(k, key))) continue;
    const v = context[k];
    if (v === undefined || v === null) continue;
    if (found === undefined) found = v;
    else {
      merged ??= [...toArray(found)];
      merged.push(...toArray(v));
    }
  }
  return merged ?? found;
}

function toArray(v: ContextValue): readonly string[] {
  return typeof v === 'string' ? [v] : v;
}

/**
 * `a.toLowerCase() === lower` without allocating (ASCII folding; anything else falls back to
 * full Unicode lowering). Compared from the end: context keys share prefixes such as `aws:`, so
 * the last characters tell them apart soonest.
 */
function equalsLower(a: string, lower: string): boolean {
  for (let i = a.length - 1; i >= 0; i--) {
    let c = a.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== lower.charCodeAt(i)) return c > 127 && a.toLowerCase() === lower;
  }
  return true;
}
