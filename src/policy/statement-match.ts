import type { ParsedAction } from './action.js';
import type { CompiledStatement } from './compiled.js';
import type { EvalScope } from './scope.js';
import type { PolicyLayer, PrincipalMatchKind, RequestPrincipal, StatementOutcome } from './types.js';

/** What a statement is matched against, computed once per decision. */
export interface MatchInput {
  action: ParsedAction;
  resource: string;
  principal: RequestPrincipal;
  scope: EvalScope;
  /** The caller has a permissions boundary (a resource-policy NotPrincipal Deny then always hits). */
  hasBoundary: boolean;
}

/**
 * Whether a statement applies to the request — action, resource, principal and every condition
 * — and, if so, how its Principal named the caller. The hot path: no allocation.
 */
export function statementApplies(st: CompiledStatement, m: MatchInput, layer: PolicyLayer): PrincipalMatchKind | null {
  if (st.action.matches(m.action.serviceId, m.action.name) === st.notAction) return null;
  const resources = st.resources;
  if (resources !== null) {
    let hit = false;
    for (let i = 0; i < resources.length; i++) {
      if (resources[i]!.test(m.resource, m.scope)) {
        hit = true;
        break;
      }
    }
    if (hit === st.notResource) return null;
  }
  let kind: PrincipalMatchKind = 'implicit';
  const principal = st.principal;
  if (principal !== null) {
    if (st.notPrincipal) {
      if (notPrincipalExempts(st, m, layer)) return null;
      kind = 'any';
    } else {
      const k = principal.match(m.principal);
      if (k === null) return null;
      kind = k;
    }
  }
  const conditions = st.conditions;
  for (let i = 0; i < conditions.length; i++) if (!conditions[i]!.test(m.scope)) return null;
  return kind;
}

/** The same test, reporting the first element that failed (for traces; not on the hot path). */
export function statementOutcome(
  st: CompiledStatement,
  m: MatchInput,
  layer: PolicyLayer,
): { outcome: StatementOutcome; failedCondition?: string; principalMatch?: PrincipalMatchKind } {
  if (st.action.matches(m.action.serviceId, m.action.name) === st.notAction) return { outcome: 'action' };
  if (st.resources !== null && st.resources.some((r) => r.test(m.resource, m.scope)) === st.notResource) return { outcome: 'resource' };
  let kind: PrincipalMatchKind = 'implicit';
  if (st.principal !== null) {
    if (st.notPrincipal) {
      if (notPrincipalExempts(st, m, layer)) return { outcome: 'principal' };
      kind = 'any';
    } else {
      const k = st.principal.match(m.principal);
      if (k === null) return { outcome: 'principal' };
      kind = k;
    }
  }
  for (const c of st.conditions) if (!c.test(m.scope)) return { outcome: 'condition', failedCondition: `${c.operator} ${c.keyName}` };
  return { outcome: 'applies', principalMatch: kind };
}

/**
 * NotPrincipal exempts the listed principals — except that a resource-policy Deny with
 * NotPrincipal always applies to a principal that has a permissions boundary (UG
 * access_policies_boundaries, "Important").
 */
function notPrincipalExempts(st: CompiledStatement, m: MatchInput, layer: PolicyLayer): boolean {
  if (layer === 'resource' && st.effect === 'Deny' && m.hasBoundary) return false;
  return st.principal!.exempts(m.principal);
}
