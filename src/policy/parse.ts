import { AwsError } from '../errors/aws-error.js';
import type { CompiledPolicy } from './compiled.js';
import { compilePolicy } from './compile.js';
import { analyse } from './validate.js';
import type { Finding, ParseOptions, PolicyKind } from './types.js';

/**
 * Parse, validate and compile a policy document. Throws
 * `AwsError('MalformedPolicyDocument', <AWS's message>)` for the first problem IAM would report.
 */
export function parsePolicy(text: string, kind: PolicyKind, options: ParseOptions = {}): CompiledPolicy {
  const a = analyse(text, kind, options);
  const first = a.findings.find((f) => f.severity === 'error');
  if (first || !a.shaped) {
    const f = first!;
    throw new AwsError('MalformedPolicyDocument', f.message, f.detail ?? f.code);
  }
  return compilePolicy(text, kind, a.shaped, a.version, a.conditions);
}

/**
 * Every problem with a document: errors (AWS's MalformedPolicyDocument texts, in the order IAM
 * checks them; the first is what parsePolicy throws) then warnings.
 */
export function validatePolicy(text: string, kind: PolicyKind, options: ParseOptions = {}): Finding[] {
  const findings = analyse(text, kind, options).findings;
  return [...findings.filter((f) => f.severity === 'error'), ...findings.filter((f) => f.severity === 'warning')];
}
