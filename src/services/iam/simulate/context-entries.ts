import { AwsError } from '../../../errors/aws-error.js';
import type { ContextValue } from '../../../policy/index.js';

export interface ContextEntryInput {
  ContextKeyName?: string | undefined;
  ContextKeyValues?: string[] | undefined;
  ContextKeyType?: string | undefined;
}

/**
 * ContextEntries → the engine's context. The `…List` types become arrays (multivalued keys, even
 * with one value); the scalar types take exactly one value. Values are taken as given: the
 * condition operators decide what a value that is not of their type means (no match), as they
 * do for a real request. Nothing else is added — a key the caller does not give is absent, and
 * policies that read it report it in MissingContextValues.
 */
export function contextFromEntries(entries: readonly ContextEntryInput[] | undefined): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {};
  const seen = new Set<string>();
  for (const entry of entries ?? []) {
    const name = entry.ContextKeyName;
    if (name === undefined) throw new AwsError('InvalidInput', 'ContextKeyName is required in every context entry.');
    if (seen.has(name.toLowerCase())) throw new AwsError('InvalidInput', `Context key ${name} is given more than once.`);
    seen.add(name.toLowerCase());
    const values = entry.ContextKeyValues ?? [];
    const type = entry.ContextKeyType;
    // Without a type, one value is a string and several are a list.
    const multivalued = type === undefined ? values.length !== 1 : type.endsWith('List');
    if (multivalued) {
      context[name] = [...values];
    } else {
      if (values.length !== 1)
        throw new AwsError('InvalidInput', `Context key ${name} of type ${type ?? 'string'} takes exactly one value.`);
      context[name] = values[0]!;
    }
  }
  return context;
}
