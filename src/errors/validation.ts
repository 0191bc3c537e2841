import { AwsError } from './aws-error.js';

/**
 * AWS's ValidationError text: "1 validation error detected: Value '<v>' at '<path>' failed to
 * satisfy constraint: <constraint>". STS includes the value, IAM omits it (recorded replies).
 */
export interface ConstraintViolation {
  path: string;
  constraint: string;
  /** Present when the service echoes the value (STS). */
  value?: string;
}

export function validationError(violations: readonly ConstraintViolation[]): AwsError {
  const items = violations.map((v) =>
    v.value === undefined
      ? `Value at '${v.path}' failed to satisfy constraint: ${v.constraint}`
      : `Value '${v.value}' at '${v.path}' failed to satisfy constraint: ${v.constraint}`,
  );
  const n = items.length;
  return new AwsError('ValidationError', `${n} validation error${n === 1 ? '' : 's'} detected: ${items.join('; ')}`);
}

export const constraint = {
  maxLength: (n: number) => `Member must have length less than or equal to ${n}`,
  minLength: (n: number) => `Member must have length greater than or equal to ${n}`,
  maxValue: (n: number) => `Member must have value less than or equal to ${n}`,
  minValue: (n: number) => `Member must have value greater than or equal to ${n}`,
  pattern: (p: string) => `Member must satisfy regular expression pattern: ${p}`,
  enumSet: (values: readonly string[]) => `Member must satisfy enum value set: [${values.join(', ')}]`,
  notNull: () => 'Member must not be null',
  /** keysmith's own text [U]: no AWS string member takes U+0000, and PostgreSQL text cannot hold it. */
  noNul: () => 'Member must not contain the character U+0000',
};
