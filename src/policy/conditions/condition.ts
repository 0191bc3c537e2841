import { contextKey, type ContextKey } from '../context-key.js';
import type { EvalScope } from '../scope.js';
import { tokenize, variableNames } from '../template.js';
import { compileNull } from './null.js';
import type { ValueTest } from './operator.js';
import type { ResolvedOperator } from './registry.js';

/**
 * One (operator, key) pair of a Condition block, compiled to a test on the request. Several
 * operators in a block and several keys under one operator are ANDed (the statement holds all
 * of them); the values listed for one key are ORed inside the operator.
 */
export interface CompiledCondition {
  /** The operator as written, e.g. `ForAnyValue:StringLike`. */
  readonly operator: string;
  /** The key as written, and lowercased for lookup (key names are case-insensitive). */
  readonly keyName: string;
  readonly key: string;
  /** Variable key names used in the values (as written), for missing-context reporting. */
  readonly variableNames: readonly string[];
  readonly test: (scope: EvalScope) => boolean;
}

export function compileCondition(
  operator: string,
  resolved: ResolvedOperator,
  keyName: string,
  values: readonly string[],
  variablesAllowed: boolean,
): CompiledCondition {
  const ref = contextKey(keyName);
  const key = ref.key;
  if (resolved.base === 'Null') {
    return { operator, keyName, key, variableNames: [], test: compileNull(ref, values) };
  }
  const base = resolved.base;
  const vars = variablesAllowed && base.variables;
  const valueTest = base.compile(values, vars);
  const varNames = vars ? values.flatMap((v) => variableNames(tokenize(v, { wildcards: false, variables: true }))) : [];
  const test = makeTest(ref, valueTest, base.negated, resolved);
  return { operator, keyName, key, variableNames: varNames, test };
}

/**
 * The documented rules for missing keys and multivalued keys:
 *
 * - Plain operator, key absent: false — except `…IfExists` (true) and negated operators (true:
 *   "not equal to nothing" holds).
 * - Plain operator, key multivalued (an array in the context): no match (false). AWS leaves this
 *   undefined; the reference implementation and AWS's own re:Inforce guidance say no match.
 * - `ForAllValues:`: true when the key is absent or empty; otherwise every request value must
 *   pass the per-value test (for a negated base: match none of the policy values).
 * - `ForAnyValue:`: false when the key is absent or empty (true when absent with IfExists);
 *   otherwise some request value must pass the per-value test.
 * - A request value that is not of the operator's type (a word for NumericLessThan) makes the
 *   condition false, whatever the qualifier or negation.
 */
function makeTest(key: ContextKey, valueTest: ValueTest, negated: boolean, r: ResolvedOperator): (scope: EvalScope) => boolean {
  const ifExists = r.ifExists;
  switch (r.qualifier) {
    case 'none':
      return (scope) => {
        const v = scope.get(key);
        if (v === undefined) return ifExists || negated;
        if (typeof v !== 'string') return false;
        const m = valueTest(v, scope);
        if (m === undefined) return false;
        return negated ? !m : m;
      };
    case 'forAllValues':
      return (scope) => {
        const v = scope.get(key);
        if (v === undefined) return true;
        const list = typeof v === 'string' ? [v] : v;
        for (const item of list) {
          const m = valueTest(item, scope);
          if (m === undefined) return false;
          if (negated ? m : !m) return false;
        }
        return true;
      };
    case 'forAnyValue':
      return (scope) => {
        const v = scope.get(key);
        if (v === undefined) return ifExists;
        const list = typeof v === 'string' ? [v] : v;
        let found = false;
        for (const item of list) {
          const m = valueTest(item, scope);
          if (m === undefined) return false;
          if (negated ? !m : m) found = true;
        }
        return found;
      };
  }
}
