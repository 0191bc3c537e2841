import { Glob } from '../glob.js';
import { tokenize } from '../template.js';
import { InvalidConditionValue, op, type BaseOperator, type ValueTest } from './operator.js';

/**
 * Bool: `true` / `false` (JSON booleans arrive as those strings), compared ignoring case. The
 * 2023 documentation allows policy variables here; a substituted value is compared the same way.
 */
function parseBool(s: string): 'true' | 'false' | undefined {
  // Request contexts hold exactly these two (no trimming, no case folding to pay for).
  if (s === 'true' || s === 'false') return s;
  const l = s.trim().toLowerCase();
  return l === 'true' || l === 'false' ? l : undefined;
}

function compileBool(values: readonly string[], variables: boolean): ValueTest {
  let fixedTrue = false;
  let fixedFalse = false;
  const dynamic: Glob[] = [];
  for (const v of values) {
    const g = new Glob(tokenize(v, { wildcards: false, variables, lower: true }), true);
    if (g.hasVars) dynamic.push(g);
    else {
      const b = parseBool(v);
      if (b === undefined) throw new InvalidConditionValue(`not a boolean: ${v}`);
      if (b === 'true') fixedTrue = true;
      else fixedFalse = true;
    }
  }
  return (r, scope) => {
    const b = parseBool(r);
    if (b === undefined) return undefined;
    if (b === 'true' ? fixedTrue : fixedFalse) return true;
    for (const g of dynamic) if (g.test(b, scope)) return true;
    return false;
  };
}

export const BOOL_OPERATORS: readonly BaseOperator[] = [op('Bool', false, true, compileBool)];
