import type { EvalScope } from '../scope.js';

/**
 * One base condition operator (StringEquals, NumericLessThan, …). Qualifiers (`ForAllValues:`,
 * `ForAnyValue:`, `…IfExists`) and the missing-key rules live in condition.ts; a family file
 * only says how one request value compares with the policy's values.
 */
export interface BaseOperator {
  readonly name: string;
  /**
   * A negated operator (StringNotEquals, NotIpAddress, …) is the negation of `positive` applied
   * per request value: the key must match none of the listed values.
   */
  readonly negated: boolean;
  /** Whether policy values may contain policy variables (String, Arn and Bool families). */
  readonly variables: boolean;
  /**
   * Compile the policy values once. `variables` is true when the policy's Version and the
   * operator both allow them. Throws InvalidConditionValue for a value that can never compare
   * (a date that is not a date): the policy is refused at write time rather than silently
   * never matching.
   */
  compile(values: readonly string[], variables: boolean): ValueTest;
}

/**
 * Does one request value match any of the policy values (the positive form)? `undefined` when
 * the request value is not of the operator's type (not a number, not an IP address, …).
 * A policy value whose variable cannot be resolved matches nothing, so it drops out of the OR;
 * for a negated operator that leaves "not equal" true, as the docs describe.
 */
export type ValueTest = (requestValue: string, scope: EvalScope) => boolean | undefined;

export class InvalidConditionValue extends Error {}

export function op(
  name: string,
  negated: boolean,
  variables: boolean,
  compile: (values: readonly string[], variables: boolean) => ValueTest,
): BaseOperator {
  return { name, negated, variables, compile };
}
