import { parseAction } from './action.js';
import { EvalScope } from './scope.js';
import { statementOutcome, type MatchInput } from './statement-match.js';
import type { AuthzRequest, Decision, EvaluateOptions, PolicyLayer, PolicyRef, PolicySet, TraceStatement } from './types.js';

/**
 * The trace behind a decision: every statement of every policy with its outcome (or the first
 * element that did not match), the steps in words, and the condition keys that applicable
 * statements read but the request lacks (AWS's MissingContextValues). Runs only when asked for,
 * as a separate full scan, so the decision path pays nothing for it.
 */
export function explain(request: AuthzRequest, policies: PolicySet, _options: EvaluateOptions, decision: Decision): Decision {
  const m: MatchInput = {
    action: parseAction(request.action),
    resource: request.resource,
    principal: request.principal,
    scope: new EvalScope(request),
    hasBoundary: (policies.boundary?.length ?? 0) > 0,
  };
  const statements: TraceStatement[] = [];
  const missing = new Map<string, string>();
  const scan = (refs: readonly PolicyRef[], layer: PolicyLayer): void => {
    for (const ref of refs) {
      for (const st of ref.policy.statements) {
        const o = statementOutcome(st, m, layer);
        const t: TraceStatement = { layer, policyId: ref.id, statementIndex: st.index, effect: st.effect, outcome: o.outcome };
        if (ref.version !== undefined) t.version = ref.version;
        if (st.sid !== undefined) t.sid = st.sid;
        if (o.failedCondition !== undefined) t.failedCondition = o.failedCondition;
        if (o.principalMatch !== undefined && layer === 'resource') t.principalMatch = o.principalMatch;
        statements.push(t);
        if (o.outcome !== 'action' && o.outcome !== 'principal') {
          for (const k of st.contextKeys)
            if (m.scope.get({ name: k, key: k.toLowerCase() }) === undefined && !missing.has(k.toLowerCase()))
              missing.set(k.toLowerCase(), k);
        }
      }
    }
  };
  (policies.scps ?? []).forEach((level) => scan(level, 'scp'));
  (policies.rcps ?? []).forEach((level) => scan(level, 'rcp'));
  if (policies.resource) scan([policies.resource], 'resource');
  scan(policies.identity, 'identity');
  scan(policies.boundary ?? [], 'boundary');
  scan(policies.session ?? [], 'session');

  const steps: string[] = [];
  const p = request.principal;
  const who = p.arn || p.service || p.federatedProvider || p.type;
  steps.push(
    `${who} requests ${request.action} on ${request.resource}` +
      (decision.crossAccount ? ` (cross-account: resource in ${request.resourceAccount})` : ' (same account)'),
  );
  if (decision.layer === 'exempt') steps.push(`${request.action} needs no authorization`);
  const applying = (layer: PolicyLayer, effect: 'Allow' | 'Deny') =>
    statements.filter((s) => s.layer === layer && s.effect === effect && s.outcome === 'applies');
  const describe = (s: TraceStatement) =>
    `${s.policyId}${s.version ? ` (${s.version})` : ''} statement ${s.statementIndex}${s.sid ? ` "${s.sid}"` : ''}`;
  const denies = (['scp', 'rcp', 'resource', 'identity', 'boundary', 'session'] as const).flatMap((l) => applying(l, 'Deny'));
  steps.push(denies.length ? `explicit Deny: ${denies.map((d) => `${d.layer} ${describe(d)}`).join('; ')}` : 'no explicit Deny applies');
  const layerStep = (layer: PolicyLayer, label: string, present: boolean): void => {
    if (!present) return;
    const allows = applying(layer, 'Allow');
    steps.push(
      allows.length
        ? `${label}: allowed by ${allows.map((a) => describe(a) + (a.principalMatch ? ` (names the caller as ${a.principalMatch})` : '')).join('; ')}`
        : `${label}: no Allow applies`,
    );
  };
  layerStep('rcp', 'resource control policies', (policies.rcps?.length ?? 0) > 0);
  layerStep('scp', 'service control policies', (policies.scps?.length ?? 0) > 0);
  layerStep(
    'resource',
    policies.resource?.policy.kind === 'trust' ? 'trust policy' : 'resource-based policy',
    policies.resource !== undefined,
  );
  layerStep('identity', 'identity-based policies', true);
  layerStep('boundary', 'permissions boundary', (policies.boundary?.length ?? 0) > 0);
  layerStep('session', 'session policies', (policies.session?.length ?? 0) > 0);
  if (decision.layer === 'root') steps.push('the root user needs no identity-based policy');
  if (p.type === 'FederatedUser' && (policies.session?.length ?? 0) === 0)
    steps.push('a federated user without a session policy has no permissions');
  steps.push(`decision: ${decision.decision} (${decision.layer})${decision.reason ? ` ${decision.reason}` : ''}`);

  return {
    ...decision,
    missingContextKeys: [...missing.values()].sort(),
    trace: { statements, steps },
  };
}
