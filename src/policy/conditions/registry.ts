import { ARN_OPERATORS } from './arn.js';
import { BINARY_OPERATORS } from './binary.js';
import { BOOL_OPERATORS } from './bool.js';
import { DATE_OPERATORS } from './date.js';
import { IP_OPERATORS } from './ip.js';
import { NUMERIC_OPERATORS } from './numeric.js';
import type { BaseOperator } from './operator.js';
import { STRING_OPERATORS } from './string.js';

/** Every base operator AWS documents, by its exact (case-sensitive) name. */
export const BASE_OPERATORS: ReadonlyMap<string, BaseOperator> = new Map(
  [
    ...STRING_OPERATORS,
    ...NUMERIC_OPERATORS,
    ...DATE_OPERATORS,
    ...BOOL_OPERATORS,
    ...BINARY_OPERATORS,
    ...IP_OPERATORS,
    ...ARN_OPERATORS,
  ].map((o) => [o.name, o] as const),
);

export type SetQualifier = 'none' | 'forAllValues' | 'forAnyValue';

export interface ResolvedOperator {
  /** The base operator, or 'Null'. */
  base: BaseOperator | 'Null';
  qualifier: SetQualifier;
  ifExists: boolean;
}

/**
 * Split `ForAnyValue:StringLikeIfExists` into its parts. Undefined for anything AWS does not
 * define — including `NullIfExists` and a set qualifier on Null, which the docs exclude — so
 * that the policy is refused instead of the condition being silently skipped.
 */
export function resolveOperator(name: string): ResolvedOperator | undefined {
  let rest = name;
  let qualifier: SetQualifier = 'none';
  if (rest.startsWith('ForAllValues:')) {
    qualifier = 'forAllValues';
    rest = rest.slice('ForAllValues:'.length);
  } else if (rest.startsWith('ForAnyValue:')) {
    qualifier = 'forAnyValue';
    rest = rest.slice('ForAnyValue:'.length);
  }
  let ifExists = false;
  if (rest.endsWith('IfExists')) {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  if (rest === 'Null') return qualifier === 'none' && !ifExists ? { base: 'Null', qualifier, ifExists } : undefined;
  const base = BASE_OPERATORS.get(rest);
  return base ? { base, qualifier, ifExists } : undefined;
}
