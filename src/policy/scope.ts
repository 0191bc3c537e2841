import type { AuthzRequest, ContextValue } from './types.js';

/**
 * Per-decision view of the request context. Condition key names are case-insensitive (tag-key
 * suffixes included), so lookups go through a lowercased map — built lazily, on the first
 * lookup, because most decisions never reach a condition. Two context keys that differ only in
 * case (a resource tagged both `ec2` and `EC2`) merge into one multivalued key: AWS says the
 * policy key matches both, and values may differ.
 */
export class EvalScope {
  private map: Map<string, ContextValue> | undefined;
  private vars: Map<string, string | undefined> | undefined;

  constructor(readonly request: AuthzRequest) {}

  /** The value of a condition key (lowercased name), or undefined if absent. */
  get(key: string): ContextValue | undefined {
    return (this.map ??= normalise(this.request.context)).get(key);
  }

  /**
   * The value of a policy variable (lowercased key): only single-valued keys can be variables,
   * so a multivalued key is unresolvable, like an absent one.
   */
  variable(key: string, def: string | undefined): string | undefined {
    const vars = (this.vars ??= new Map());
    let v: string | undefined;
    if (vars.has(key)) v = vars.get(key);
    else {
      const raw = this.get(key);
      v = typeof raw === 'string' ? raw : undefined;
      vars.set(key, v);
    }
    return v ?? def;
  }
}

function normalise(context: Readonly<Record<string, ContextValue>>): Map<string, ContextValue> {
  const map = new Map<string, ContextValue>();
  for (const k of Object.keys(context)) {
    const v = context[k];
    if (v === undefined || v === null) continue;
    const lk = k.toLowerCase();
    const prev = map.get(lk);
    if (prev === undefined) map.set(lk, v);
    else map.set(lk, [...toArray(prev), ...toArray(v)]);
  }
  return map;
}

function toArray(v: ContextValue): readonly string[] {
  return typeof v === 'string' ? [v] : v;
}
