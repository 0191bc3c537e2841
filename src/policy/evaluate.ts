import { parseAction } from './action.js';
import type { CompiledStatement } from './compiled.js';
import { explain } from './explain.js';
import { EvalScope } from './scope.js';
import { statementApplies, type MatchInput } from './statement-match.js';
import type {
  AuthzRequest,
  Decision,
  DecisionLayer,
  EvaluateOptions,
  MatchedStatement,
  PolicyLayer,
  PolicyRef,
  PolicySet,
  PrincipalMatchKind,
} from './types.js';

/**
 * The combining evaluator (policy-semantics.md §5):
 *
 * 1. An applicable Deny in any policy — SCP, RCP, resource-based, identity, boundary, session —
 *    gives explicitDeny.
 * 2. RCPs, then SCPs, when given: every level needs an applicable Allow, else implicitDeny.
 * 3. Same account: a resource-policy Allow decides alone when it names the caller directly (user,
 *    session, federated user, `*`, service, provider); when it names the caller's role (or the
 *    IAM user behind a federated user) it still needs the boundary and session policies; when it
 *    names only the account it is delegation and grants nothing by itself.
 * 4. Otherwise identity ∩ boundary ∩ session must allow. The root user is allowed without
 *    identity policies. A federated user (GetFederationToken) without a session policy has no
 *    permissions.
 * 5. Cross-account: both sides — identity ∩ boundary ∩ session, and a resource-policy Allow that
 *    names the caller or its account.
 * 6. Trust policies (and `resourcePolicyMustAllow`): the resource policy must name the caller;
 *    naming it directly needs the boundary too (and the session policy when it names the role);
 *    naming the account needs identity ∩ boundary ∩ session. Cross-account: both sides.
 *
 * `sts:GetCallerIdentity` needs no permission: it is always allowed, even under an explicit deny.
 */
export function evaluate(request: AuthzRequest, policies: PolicySet, options: EvaluateOptions = {}): Decision {
  const decision = decide(request, policies, options);
  return options.trace ? explain(request, policies, options, decision) : decision;
}

/**
 * Convenience for sts:AssumeRole* / sts:TagSession / sts:SetSourceIdentity: the role's trust
 * policy is the resource policy (it must explicitly allow the caller); `caller` holds the
 * caller's own policies (empty for service and federated callers).
 */
export function evaluateTrust(
  request: AuthzRequest,
  trustPolicy: PolicyRef,
  caller: Omit<PolicySet, 'resource'> = { identity: [] },
  options: EvaluateOptions = {},
): Decision {
  return evaluate(request, { ...caller, resource: trustPolicy }, { ...options, resourcePolicyMustAllow: true });
}

const EXEMPT_ACTIONS = new Set(['sts:getcalleridentity']);
const HAS_IDENTITY_SIDE: ReadonlySet<string> = new Set(['Root', 'Account', 'User', 'AssumedRole', 'FederatedUser']);

const NONE = 0;
const ACCOUNT = 1;
const ROLE = 2;
const DIRECT = 3;

function strength(kind: PrincipalMatchKind): number {
  switch (kind) {
    case 'account':
    case 'implicit':
      return ACCOUNT;
    case 'role':
    case 'sourceUser':
      return ROLE;
    default:
      return DIRECT;
  }
}

export function isCrossAccount(request: AuthzRequest): boolean {
  const acct = request.principal.accountId;
  return request.resourceAccount !== undefined && acct !== '' && request.resourceAccount !== acct;
}

export function decide(request: AuthzRequest, policies: PolicySet, options: EvaluateOptions): Decision {
  const action = parseAction(request.action);
  const principal = request.principal;
  const crossAccount = isCrossAccount(request);
  if (EXEMPT_ACTIONS.has(`${action.service}:${action.name}`)) {
    return { decision: 'allowed', layer: 'exempt', reason: '', crossAccount, matched: [] };
  }
  const boundary = policies.boundary;
  const session = policies.session;
  const hasBoundary = boundary !== undefined && boundary.length > 0;
  const hasSession = session !== undefined && session.length > 0;
  const m: MatchInput = {
    action,
    resource: request.resource,
    principal,
    scope: new EvalScope(request),
    hasBoundary,
  };
  const svc = action.service;

  // 1. Explicit denies, everywhere.
  const denies: MatchedStatement[] = [];
  const denyPass = (refs: readonly PolicyRef[], layer: PolicyLayer): void => {
    for (let i = 0; i < refs.length; i++) {
      const ref = refs[i]!;
      const candidates = ref.policy.deny.candidates(svc);
      for (let j = 0; j < candidates.length; j++) {
        const st = candidates[j]!;
        if (statementApplies(st, m, layer) !== null) denies.push(matched(ref, st, layer));
      }
    }
  };
  if (policies.scps) for (const level of policies.scps) denyPass(level, 'scp');
  if (policies.rcps) for (const level of policies.rcps) denyPass(level, 'rcp');
  if (policies.resource) denyPass([policies.resource], 'resource');
  denyPass(policies.identity, 'identity');
  if (hasBoundary) denyPass(boundary, 'boundary');
  if (hasSession) denyPass(session, 'session');
  if (denies.length > 0) {
    const layer = denies[0]!.layer;
    return { decision: 'explicitDeny', layer, reason: reasonText('explicitDeny', layer, request.action), crossAccount, matched: denies };
  }

  const implicit = (layer: PolicyLayer): Decision => ({
    decision: 'implicitDeny',
    layer,
    reason: reasonText('implicitDeny', layer, request.action),
    crossAccount,
    matched: [],
  });
  const grants: MatchedStatement[] = [];
  const allowsIn = (refs: readonly PolicyRef[], layer: PolicyLayer): boolean => {
    let found = false;
    for (let i = 0; i < refs.length; i++) {
      const ref = refs[i]!;
      const candidates = ref.policy.allow.candidates(svc);
      for (let j = 0; j < candidates.length; j++) {
        const st = candidates[j]!;
        if (statementApplies(st, m, layer) !== null) {
          grants.push(matched(ref, st, layer));
          found = true;
        }
      }
    }
    return found;
  };

  // 2. Organization guardrails: every level must allow.
  if (policies.rcps) for (const level of policies.rcps) if (!allowsIn(level, 'rcp')) return implicit('rcp');
  if (policies.scps) for (const level of policies.scps) if (!allowsIn(level, 'scp')) return implicit('scp');

  // 3. The resource-based policy: how strongly does it name the caller?
  let rp = NONE;
  const rpGrants: MatchedStatement[] = [];
  const resource = policies.resource;
  if (resource) {
    const candidates = resource.policy.allow.candidates(svc);
    for (let j = 0; j < candidates.length; j++) {
      const st = candidates[j]!;
      const kind = statementApplies(st, m, 'resource');
      if (kind !== null) {
        rpGrants.push(matched(resource, st, 'resource'));
        const s = strength(kind);
        if (s > rp) rp = s;
      }
    }
  }

  const isRoot = principal.type === 'Root' || principal.type === 'Account';
  const identityAllows = (): boolean => allowsIn(policies.identity, 'identity') || isRoot;
  const boundaryAllows = (): boolean => !hasBoundary || allowsIn(boundary, 'boundary');
  // A GetFederationToken session without a session policy has no permissions.
  const sessionAllows = (): boolean => (hasSession ? allowsIn(session, 'session') : principal.type !== 'FederatedUser');
  const allowed = (layer: DecisionLayer, withResource: boolean): Decision => ({
    decision: 'allowed',
    layer,
    reason: '',
    crossAccount,
    matched: withResource ? [...grants, ...rpGrants] : grants,
  });
  const identityLayer: DecisionLayer = isRoot ? 'root' : 'identity';

  if (crossAccount) {
    if (!identityAllows()) return implicit('identity');
    if (!boundaryAllows()) return implicit('boundary');
    if (!sessionAllows()) return implicit('session');
    if (rp === NONE) return implicit('resource');
    return allowed('resource', true);
  }

  const mustAllow = resource !== undefined && (resource.policy.kind === 'trust' || options.resourcePolicyMustAllow === true);
  if (mustAllow) {
    if (rp === NONE) return implicit('resource');
    if (!boundaryAllows()) return implicit('boundary');
    if (rp === DIRECT) return allowed('resource', true);
    if (rp === ROLE) return sessionAllows() ? allowed('resource', true) : implicit('session');
    if (!identityAllows()) return implicit('identity');
    if (!sessionAllows()) return implicit('session');
    return allowed(identityLayer, true);
  }

  if (rp === DIRECT) return allowed('resource', true);
  if (rp === ROLE) {
    const mark = grants.length;
    if (boundaryAllows() && sessionAllows()) return allowed('resource', true);
    grants.length = mark;
  }
  // Anonymous, service and web-identity/SAML callers have no identity side: only a resource
  // policy could have allowed them.
  if (!HAS_IDENTITY_SIDE.has(principal.type)) return implicit('resource');
  if (!identityAllows()) return implicit('identity');
  if (!boundaryAllows()) return implicit('boundary');
  if (!sessionAllows()) return implicit('session');
  return allowed(identityLayer, false);
}

function matched(ref: PolicyRef, st: CompiledStatement, layer: PolicyLayer): MatchedStatement {
  const out: MatchedStatement = { layer, policyId: ref.id, statementIndex: st.index, effect: st.effect };
  if (ref.version !== undefined) out.version = ref.version;
  if (st.sid !== undefined) out.sid = st.sid;
  if (st.range !== undefined) out.range = st.range;
  return out;
}

const LAYER_WORDS: Record<PolicyLayer, [article: string, noun: string]> = {
  scp: ['a', 'service control policy'],
  rcp: ['a', 'resource control policy'],
  resource: ['a', 'resource-based policy'],
  identity: ['an', 'identity-based policy'],
  boundary: ['a', 'permissions boundary'],
  session: ['a', 'session policy'],
};

/** AWS's AccessDenied wording (UG troubleshoot_access-denied). */
export function reasonText(decision: 'explicitDeny' | 'implicitDeny', layer: PolicyLayer, action: string): string {
  const [article, noun] = LAYER_WORDS[layer];
  return decision === 'explicitDeny'
    ? `with an explicit deny in ${article} ${noun}`
    : `because no ${noun} allows the ${action} action`;
}
