import { ActionSpec } from './action.js';
import { ArnPattern } from './arn-pattern.js';
import { ActionIndex, type CompiledPolicy, type CompiledStatement } from './compiled.js';
import type { CompiledCondition } from './conditions/condition.js';
import { PrincipalSpec } from './principal.js';
import type { ShapedPolicy } from './shape.js';
import { tokenize, variableNames } from './template.js';
import type { PolicyKind, PolicyVersion } from './types.js';
import { PRINCIPAL_LESS } from './validate.js';

/** Build the compiled form from a document that passed validation. */
export function compilePolicy(
  text: string,
  kind: PolicyKind,
  shaped: ShapedPolicy,
  version: PolicyVersion | null,
  conditions: readonly CompiledCondition[][],
): CompiledPolicy {
  // Policy variables exist only in the 2012-10-17 language; elsewhere `${...}` is literal text.
  const variables = version === '2012-10-17';
  const statements: CompiledStatement[] = shaped.statements.map((st, i) => {
    const resourceList = st.resource ?? st.notResource;
    const resources = resourceList
      ? resourceList.map((r) => new ArnPattern(tokenize(r, { wildcards: true, variables }), { variablesOnlyInResourcePart: true }))
      : null;
    const principalElement = st.principal ?? st.notPrincipal;
    const conds = conditions[i] ?? [];
    // Keys by lowercased name, keeping the first spelling for reports.
    const keys = new Map<string, string>();
    const note = (name: string): void => {
      if (!keys.has(name.toLowerCase())) keys.set(name.toLowerCase(), name);
    };
    for (const c of conds) {
      note(c.keyName);
      c.variableNames.forEach(note);
    }
    if (variables && resourceList) {
      for (const r of resourceList) {
        const tail = r.split(':').slice(5).join(':');
        variableNames(tokenize(tail, { wildcards: false, variables: true })).forEach(note);
      }
    }
    return {
      index: st.index,
      sid: st.sid,
      effect: st.effect as 'Allow' | 'Deny',
      range: st.range,
      action: new ActionSpec(st.action ?? st.notAction ?? []),
      notAction: st.notAction !== undefined,
      resources,
      notResource: st.notResource !== undefined,
      principal: PRINCIPAL_LESS.has(kind) || !principalElement ? null : new PrincipalSpec(principalElement),
      notPrincipal: st.notPrincipal !== undefined,
      conditions: conds,
      contextKeys: [...keys.values()],
    };
  });
  return {
    kind,
    version,
    id: shaped.id,
    statements,
    allow: ActionIndex.build(statements.filter((s) => s.effect === 'Allow')),
    deny: ActionIndex.build(statements.filter((s) => s.effect === 'Deny')),
    text,
  };
}
