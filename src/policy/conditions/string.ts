import { Glob } from '../glob.js';
import { tokenize } from '../template.js';
import { op, type BaseOperator, type ValueTest } from './operator.js';

/**
 * String operators. Equals: exact, case-sensitive. IgnoreCase: exact ignoring case. Like: `*`
 * and `?` anywhere, case-sensitive. All take policy variables; substituted text is literal.
 */
function compileString(like: boolean, ignoreCase: boolean) {
  return (values: readonly string[], variables: boolean): ValueTest => {
    const globs = values.map((v) => new Glob(tokenize(v, { wildcards: like, variables, lower: ignoreCase }), ignoreCase));
    const dynamic = globs.filter((g) => g.hasVars || !isExact(g));
    if (dynamic.length === 0) {
      // Plain strings: one set lookup however many values are listed.
      const set = new Set(globs.map((g) => literalOf(g)));
      return ignoreCase ? (r) => set.has(r.toLowerCase()) : (r) => set.has(r);
    }
    return (r, scope) => {
      const s = ignoreCase ? r.toLowerCase() : r;
      for (const g of globs) if (g.test(s, scope)) return true;
      return false;
    };
  };
}

function isExact(g: Glob): boolean {
  return g.tokens.every((t) => t.k === 0);
}
function literalOf(g: Glob): string {
  return g.tokens.map((t) => (t.k === 0 ? t.s : '')).join('');
}

export const STRING_OPERATORS: readonly BaseOperator[] = [
  op('StringEquals', false, true, compileString(false, false)),
  op('StringNotEquals', true, true, compileString(false, false)),
  op('StringEqualsIgnoreCase', false, true, compileString(false, true)),
  op('StringNotEqualsIgnoreCase', true, true, compileString(false, true)),
  op('StringLike', false, true, compileString(true, false)),
  op('StringNotLike', true, true, compileString(true, false)),
];
