import { InvalidConditionValue, op, type BaseOperator, type ValueTest } from './operator.js';

/** Numeric operators: integers or decimals, compared as numbers. No variables. */
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

export function parseNumber(s: string): number | undefined {
  const t = s.trim();
  return NUMBER.test(t) ? Number(t) : undefined;
}

function compileNumeric(cmp: (request: number, policy: number) => boolean) {
  return (values: readonly string[]): ValueTest => {
    const nums = values.map((v) => {
      const n = parseNumber(v);
      if (n === undefined) throw new InvalidConditionValue(`not a number: ${v}`);
      return n;
    });
    return (r) => {
      const x = parseNumber(r);
      if (x === undefined) return undefined;
      for (const n of nums) if (cmp(x, n)) return true;
      return false;
    };
  };
}

const eq = (a: number, b: number) => a === b;

export const NUMERIC_OPERATORS: readonly BaseOperator[] = [
  op('NumericEquals', false, false, compileNumeric(eq)),
  op('NumericNotEquals', true, false, compileNumeric(eq)),
  op(
    'NumericLessThan',
    false,
    false,
    compileNumeric((a, b) => a < b),
  ),
  op(
    'NumericLessThanEquals',
    false,
    false,
    compileNumeric((a, b) => a <= b),
  ),
  op(
    'NumericGreaterThan',
    false,
    false,
    compileNumeric((a, b) => a > b),
  ),
  op(
    'NumericGreaterThanEquals',
    false,
    false,
    compileNumeric((a, b) => a >= b),
  ),
];
