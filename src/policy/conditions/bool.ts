import { Glob } from '../glob.js';
import { tokenize } from '../template.js';
import { InvalidConditionValue, op, type BaseOperator, type ValueTest } from './operator.js';

/**
 * Bool: `true` / `false` (JSON booleans arrive as those strings), compared ignoring case. The
 * 2023 documentation allows policy variables here; a substituted value is compared the same way.
 */
function parseBool(s: string): 'true' | 'false' | undefined {
  const l = s.trim().toLowerCase();
  return l === 'true' || l === 'false' ? l : undefined;
}

function compileBool(values: readonly string[], variables: boolean): ValueTest {
  const fixed = new Set<string>();
  const dynamic: Glob[] = [];
  for (const v of values) {
    const g = new Glob(tokenize(v, { wildcards: false, variables, lower: true }), true);
    if (g.hasVars) dynamic.push(g);
    else {
      const b = parseBool(v);
      if (b === undefined) throw new InvalidConditionValue(`not a boolean: ${v}`);
      fixed.add(b);
    }
  }
  return (r, scope) => {
    const b = parseBool(r);
    if (b === undefined) return undefined;
    if (fixed.has(b)) return true;
    for (const g of dynamic) if (g.test(b, scope)) return true;
    return false;
  };
}

export const BOOL_OPERATORS: readonly BaseOperator[] = [op('Bool', false, true, compileBool)];
