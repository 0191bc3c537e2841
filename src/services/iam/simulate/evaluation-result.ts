import { parseArn } from '../../../model/arns.js';
import { evaluate, type AuthzRequest, type Decision, type DecisionValue, type PolicyRef, type PolicySet } from '../../../policy/index.js';
import type { Output } from '../../../model/shapes.js';
import type { evaluationResultOutput, statementOutput } from '../shared/role-policy-output-shapes.js';
import type { Simulation, SimulatedPolicy } from './simulation.js';
import { awsStatementSpan } from './statement-position.js';

/** Actions whose resource policy is a role trust policy (it must name the caller). */
const TRUST_ACTIONS = new Set([
  'sts:assumerole',
  'sts:assumerolewithsaml',
  'sts:assumerolewithwebidentity',
  'sts:tagsession',
  'sts:setsourceidentity',
  'sts:setcontext',
]);

/** The simulation's policies as engine references; ids point back to the SimulatedPolicy. */
export class SimulationRefs {
  private readonly byId = new Map<string, SimulatedPolicy>();
  readonly identity: PolicyRef[];
  readonly boundary: PolicyRef[];
  private readonly resource: PolicyRef | undefined;
  private readonly trust: PolicyRef | undefined;

  constructor(readonly sim: Simulation) {
    const ref = (p: SimulatedPolicy, id: string): PolicyRef => {
      this.byId.set(id, p);
      return { id, policy: p.policy };
    };
    this.identity = sim.identity.map((p, i) => ref(p, `i${i}`));
    this.boundary = sim.boundary.map((p, i) => ref(p, `b${i}`));
    this.resource = sim.resourcePolicy ? ref(sim.resourcePolicy.resource, 'r') : undefined;
    this.trust = sim.resourcePolicy?.trust ? ref(sim.resourcePolicy.trust, 't') : undefined;
  }

  policy(id: string): SimulatedPolicy | undefined {
    return this.byId.get(id);
  }

  /** The resource policy for an action: read as a trust policy for sts:AssumeRole* and friends when it is one. */
  resourceFor(action: string): PolicyRef | undefined {
    return TRUST_ACTIONS.has(action.toLowerCase()) && this.trust ? this.trust : this.resource;
  }
}

/**
 * One EvaluationResult: the action on one resource. `specific` (a resource ARN given in
 * ResourceArns, not `*`) adds ResourceSpecificResults for that resource and moves the missing
 * context keys there (the API reference: MissingContextValues "is used when the resource in a
 * simulation is `*`…; if you include a list of resources, then any missing context values are
 * instead included under the ResourceSpecificResults section"), and makes EvalDecisionDetails
 * present (empty in the same account; "not returned" for `*`).
 */
export function evaluationResult(
  refs: SimulationRefs,
  action: string,
  resource: string,
  specific: boolean,
): Output<typeof evaluationResultOutput> {
  const { request, decision: d } = simulationDecision(refs, action, resource);
  const matched = matchedStatements(refs, d);
  const missing = d.missingContextKeys ?? [];
  const boundaryDetail =
    refs.boundary.length > 0 ? { AllowedByPermissionsBoundary: layerDecision(d, 'boundary') === 'allowed' } : undefined;
  // EvalDecisionDetails: a map (policy type → decision), empty but present for a specific resource.
  const details: [string, DecisionValue][] | undefined = d.crossAccount
    ? [
        ['IAM Policy', evaluate({ ...request, resourceAccount: undefined }, { identity: refs.identity, boundary: refs.boundary }).decision],
        ['Resource Policy', layerDecision(d, 'resource')],
      ]
    : specific
      ? []
      : undefined;
  return {
    EvalActionName: action,
    EvalResourceName: resource,
    EvalDecision: d.decision,
    MatchedStatements: matched,
    MissingContextValues: specific ? [] : missing,
    OrganizationsDecisionDetail: { AllowedByOrganizations: true },
    PermissionsBoundaryDecisionDetail: boundaryDetail,
    EvalDecisionDetails: details,
    ResourceSpecificResults: specific
      ? [
          {
            EvalResourceName: resource,
            EvalResourceDecision: d.decision,
            MatchedStatements: matched,
            MissingContextValues: missing,
            EvalDecisionDetails: d.crossAccount ? details : undefined,
            PermissionsBoundaryDecisionDetail: boundaryDetail,
          },
        ]
      : undefined,
  };
}

/**
 * The simulated request for one action on one resource, and the engine's traced decision: what
 * EvaluationResult reports, and what keysmith's ExplainPolicySimulation (the console's simulator)
 * shows in full.
 */
export function simulationDecision(refs: SimulationRefs, action: string, resource: string): { request: AuthzRequest; decision: Decision } {
  const sim = refs.sim;
  const resourcePolicy = refs.resourceFor(action);
  // Without a resource policy only the identity side is simulated: the request stays in the caller's account.
  const request: AuthzRequest = {
    principal: sim.principal,
    action,
    resource,
    resourceAccount: resourcePolicy ? resourceAccountOf(resource, sim.resourceOwner) : undefined,
    context: sim.context,
  };
  const policies: PolicySet = { identity: refs.identity, boundary: refs.boundary, resource: resourcePolicy };
  return { request, decision: evaluate(request, policies, { trace: true }) };
}

/** The account in the resource ARN, else ResourceOwner's (else the caller's). */
function resourceAccountOf(resource: string, owner: string): string {
  const account = parseArn(resource)?.account;
  return account !== undefined && /^\d{12}$/.test(account) ? account : owner;
}

/**
 * allowed: the Allow statements that granted (every applicable one, in each layer that had to
 * allow). explicitDeny: every applicable Deny, then every applicable Allow — what IAM returned in
 * a recorded simulation (a resource-policy Deny listed with the identity Allow it overrode),
 * although the API reference says the Deny alone is listed. implicitDeny: none.
 */
function matchedStatements(refs: SimulationRefs, d: Decision): Output<typeof statementOutput>[] {
  let list: readonly { policyId: string; statementIndex: number }[] = [];
  if (d.decision === 'allowed') list = d.matched;
  else if (d.decision === 'explicitDeny') {
    const applying = (d.trace?.statements ?? []).filter((s) => s.outcome === 'applies');
    list = [...applying.filter((s) => s.effect === 'Deny'), ...applying.filter((s) => s.effect === 'Allow')];
  }
  const out: Output<typeof statementOutput>[] = [];
  for (const s of list) {
    const p = refs.policy(s.policyId);
    if (!p) continue;
    const range = p.policy.statements.find((st) => st.index === s.statementIndex)?.range;
    out.push({ SourcePolicyId: p.sourceId, SourcePolicyType: p.type, ...(range ? awsStatementSpan(p.text, range) : {}) });
  }
  return out;
}

/** One layer's own verdict, from the trace: an applicable Deny, else an applicable Allow, else none. */
function layerDecision(d: Decision, layer: 'boundary' | 'resource'): DecisionValue {
  const applying = (d.trace?.statements ?? []).filter((s) => s.layer === layer && s.outcome === 'applies');
  if (applying.some((s) => s.effect === 'Deny')) return 'explicitDeny';
  return applying.some((s) => s.effect === 'Allow') ? 'allowed' : 'implicitDeny';
}
