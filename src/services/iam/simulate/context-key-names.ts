import type { PolicyKind } from '../../../policy/index.js';
import type { OperationContext } from '../../operation.js';
import { contextKeysOf } from './context-keys.js';

/**
 * ContextKeyNames for a list of policies: each is validated first (MalformedPolicyDocument, as
 * the simulation would report it), then its keys are collected in document order, the first
 * spelling of each key (compared ignoring case) kept.
 */
export function contextKeyNames(ctx: OperationContext, policies: readonly { text: string; kind: PolicyKind }[]): string[] {
  const keys = new Map<string, string>();
  for (const p of policies) {
    ctx.policies.compile(p.text, p.kind);
    contextKeysOf(p.text, keys);
  }
  return [...keys.values()];
}
