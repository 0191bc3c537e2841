import type { PasswordPolicyValue } from './password-policy-record.js';

/**
 * What a new console password must satisfy, as pure functions (unit-tested): the account's
 * password policy, or AWS's default policy when the account has none (IAM User Guide, "Set an
 * account password policy for IAM users": at least 8 characters and at least three of uppercase,
 * lowercase, numbers and symbols). The texts are keysmith's choice where AWS's are unrecorded
 * (docs/iam/passwords.md); the first rule broken is reported.
 */

/** The symbols AWS's policy counts (RequireSymbols): ! @ # $ % ^ & * ( ) _ + - = [ ] { } | ' */
export const PASSWORD_SYMBOLS = "!@#$%^&*()_+-=[]{}|'";

const DEFAULT_MINIMUM_LENGTH = 8;
const DEFAULT_CLASSES_REQUIRED = 3;

const hasUppercase = (p: string) => /[A-Z]/.test(p);
const hasLowercase = (p: string) => /[a-z]/.test(p);
const hasNumber = (p: string) => /[0-9]/.test(p);
const hasSymbol = (p: string) => [...p].some((c) => PASSWORD_SYMBOLS.includes(c));

export const VIOLATION = {
  minimumLength: (n: number) => `Password should have a minimum length of ${n}`,
  uppercase: 'Password should have at least one uppercase letter',
  lowercase: 'Password should have at least one lowercase letter',
  number: 'Password should have at least one number',
  symbol: 'Password should have at least one symbol',
  defaultClasses:
    'Password should have at least three of the following character types: uppercase letters, lowercase letters, numbers and symbols',
  reused: (n: number) => `Password should not be one of your previous ${n} passwords`,
};

/** The message of the first rule `password` breaks, or undefined when it satisfies them all. */
export function passwordViolation(password: string, policy: PasswordPolicyValue | undefined): string | undefined {
  if (policy === undefined) {
    if (password.length < DEFAULT_MINIMUM_LENGTH) return VIOLATION.minimumLength(DEFAULT_MINIMUM_LENGTH);
    const classes = [hasUppercase, hasLowercase, hasNumber, hasSymbol].filter((has) => has(password)).length;
    return classes < DEFAULT_CLASSES_REQUIRED ? VIOLATION.defaultClasses : undefined;
  }
  if (password.length < policy.minimumPasswordLength) return VIOLATION.minimumLength(policy.minimumPasswordLength);
  if (policy.requireUppercaseCharacters && !hasUppercase(password)) return VIOLATION.uppercase;
  if (policy.requireLowercaseCharacters && !hasLowercase(password)) return VIOLATION.lowercase;
  if (policy.requireNumbers && !hasNumber(password)) return VIOLATION.number;
  if (policy.requireSymbols && !hasSymbol(password)) return VIOLATION.symbol;
  return undefined;
}

/** Whether a password last changed at `changedAt` has expired at `now` under the policy. */
export function passwordExpired(policy: PasswordPolicyValue | undefined, changedAt: number, now: number): boolean {
  if (policy?.maxPasswordAge === undefined) return false;
  return now - changedAt >= policy.maxPasswordAge * 24 * 60 * 60 * 1000;
}
