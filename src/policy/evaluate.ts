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
  PrincipalType,
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

/** Callers with identity-based policies (a switch: a Set lookup per decision showed in profiles). */
function hasIdentitySide(type: PrincipalType): boolean {
  switch (type) {
    case 'Root':
    case 'Account':
    case 'User':
    case 'AssumedRole':
    case 'FederatedUser':
      return true;
    default:
      return false;
  }
}

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

/**
 * The state of one decision, passed to the helpers below instead of capturing closures. It is
 * also what statements are matched against (one object per decision instead of two).
 */
interface Run extends MatchInput {
  policies: PolicySet;
  hasSession: boolean;
  isRoot: boolean;
  svc: number;
  crossAccount: boolean;
  /** Collect every applicable statement (allMatches / trace) rather than stopping at the first. */
  all: boolean;
  matches: MatchedStatement[];
}

/** Applicable Deny statements of some policies, appended to run.matches. */
function denyPass(run: Run, refs: readonly PolicyRef[], layer: PolicyLayer): void {
  for (let i = 0; i < refs.length; i++) denyIn(run, refs[i]!, layer);
}

function denyIn(run: Run, ref: PolicyRef, layer: PolicyLayer): void {
  if (!run.all && run.matches.length > 0) return;
  const candidates = ref.policy.deny.candidates(run.svc);
  for (let j = 0; j < candidates.length; j++) {
    const st = candidates[j]!;
    if (statementApplies(st, run, layer) !== null) {
      run.matches.push(matched(ref, st, layer));
      if (!run.all) return;
    }
  }
}

/** Whether some policy of the list has an applicable Allow (recorded in run.matches). */
function allowsIn(run: Run, refs: readonly PolicyRef[], layer: PolicyLayer): boolean {
  let found = false;
  for (let i = 0; i < refs.length; i++) {
    const ref = refs[i]!;
    const candidates = ref.policy.allow.candidates(run.svc);
    for (let j = 0; j < candidates.length; j++) {
      const st = candidates[j]!;
      if (statementApplies(st, run, layer) !== null) {
        run.matches.push(matched(ref, st, layer));
        if (!run.all) return true;
        found = true;
      }
    }
  }
  return found;
}

function identityAllows(run: Run): boolean {
  return allowsIn(run, run.policies.identity, 'identity') || run.isRoot;
}

function boundaryAllows(run: Run): boolean {
  return !run.hasBoundary || allowsIn(run, run.policies.boundary!, 'boundary');
}

/** A GetFederationToken session without a session policy has no permissions. */
function sessionAllows(run: Run): boolean {
  return run.hasSession ? allowsIn(run, run.policies.session!, 'session') : run.principal.type !== 'FederatedUser';
}

function implicitDeny(layer: PolicyLayer, request: AuthzRequest, crossAccount: boolean): Decision {
  return { decision: 'implicitDeny', layer, reason: reasonText('implicitDeny', layer, request.action), crossAccount, matched: [] };
}

export function decide(request: AuthzRequest, policies: PolicySet, options: EvaluateOptions): Decision {
  const action = parseAction(request.action);
  const principal = request.principal;
  const crossAccount = isCrossAccount(request);
  if (action.service === 'sts' && action.name === 'getcalleridentity') {
    return { decision: 'allowed', layer: 'exempt', reason: '', crossAccount, matched: [] };
  }
  const boundary = policies.boundary;
  const session = policies.session;
  const hasBoundary = boundary !== undefined && boundary.length > 0;
  const hasSession = session !== undefined && session.length > 0;
  const isRoot = principal.type === 'Root' || principal.type === 'Account';
  const run: Run = {
    action,
    resource: request.resource,
    principal,
    scope: new EvalScope(request),
    hasBoundary,
    policies,
    hasSession,
    isRoot,
    crossAccount,
    svc: action.serviceId,
    all: options.allMatches === true || options.trace === true,
    matches: [],
  };

  // 1. Explicit denies, everywhere.
  const scps = policies.scps;
  const rcps = policies.rcps;
  if (scps) for (let i = 0; i < scps.length; i++) denyPass(run, scps[i]!, 'scp');
  if (rcps) for (let i = 0; i < rcps.length; i++) denyPass(run, rcps[i]!, 'rcp');
  const resource = policies.resource;
  if (resource) denyIn(run, resource, 'resource');
  denyPass(run, policies.identity, 'identity');
  if (hasBoundary) denyPass(run, boundary, 'boundary');
  if (hasSession) denyPass(run, session, 'session');
  if (run.matches.length > 0) {
    const layer = run.matches[0]!.layer;
    return {
      decision: 'explicitDeny',
      layer,
      reason: reasonText('explicitDeny', layer, request.action),
      crossAccount,
      matched: run.matches,
    };
  }

  // 2. Organization guardrails: every level must allow.
  if (rcps) for (let i = 0; i < rcps.length; i++) if (!allowsIn(run, rcps[i]!, 'rcp')) return implicitDeny('rcp', request, crossAccount);
  if (scps) for (let i = 0; i < scps.length; i++) if (!allowsIn(run, scps[i]!, 'scp')) return implicitDeny('scp', request, crossAccount);

  // 3. The resource-based policy: how strongly does it name the caller?
  let rp = NONE;
  let rpGrants: MatchedStatement[] | undefined;
  if (resource) {
    const candidates = resource.policy.allow.candidates(run.svc);
    for (let j = 0; j < candidates.length; j++) {
      const st = candidates[j]!;
      const kind = statementApplies(st, run, 'resource');
      if (kind === null) continue;
      const s = strength(kind);
      if (run.all) (rpGrants ??= []).push(matched(resource, st, 'resource'));
      else if (s > rp) rpGrants = [matched(resource, st, 'resource')];
      if (s > rp) rp = s;
      if (!run.all && rp === DIRECT) break;
    }
  }

  // Each check runs at most once per path below, so nothing needs memoising.
  const identityLayer: DecisionLayer = isRoot ? 'root' : 'identity';

  if (crossAccount) {
    if (!identityAllows(run)) return implicitDeny('identity', request, crossAccount);
    if (!boundaryAllows(run)) return implicitDeny('boundary', request, crossAccount);
    if (!sessionAllows(run)) return implicitDeny('session', request, crossAccount);
    if (rp === NONE) return implicitDeny('resource', request, crossAccount);
    return allowed(run, 'resource', rpGrants);
  }

  const mustAllow = resource !== undefined && (resource.policy.kind === 'trust' || options.resourcePolicyMustAllow === true);
  if (mustAllow) {
    if (rp === NONE) return implicitDeny('resource', request, crossAccount);
    if (!boundaryAllows(run)) return implicitDeny('boundary', request, crossAccount);
    if (rp === DIRECT) return allowed(run, 'resource', rpGrants);
    if (rp === ROLE) return sessionAllows(run) ? allowed(run, 'resource', rpGrants) : implicitDeny('session', request, crossAccount);
    if (!identityAllows(run)) return implicitDeny('identity', request, crossAccount);
    if (!sessionAllows(run)) return implicitDeny('session', request, crossAccount);
    return allowed(run, identityLayer, rpGrants);
  }

  if (rp === DIRECT) return allowed(run, 'resource', rpGrants);
  if (rp === ROLE) {
    const mark = run.matches.length;
    if (boundaryAllows(run) && sessionAllows(run)) return allowed(run, 'resource', rpGrants);
    run.matches.length = mark;
  }
  // Anonymous, service and web-identity/SAML callers have no identity side: only a resource
  // policy could have allowed them.
  if (!hasIdentitySide(principal.type)) return implicitDeny('resource', request, crossAccount);
  if (!identityAllows(run)) return implicitDeny('identity', request, crossAccount);
  if (!boundaryAllows(run)) return implicitDeny('boundary', request, crossAccount);
  if (!sessionAllows(run)) return implicitDeny('session', request, crossAccount);
  return allowed(run, identityLayer, undefined);
}

/** An allowed decision: the grants found on the way, then the resource policy's when it took part. */
function allowed(run: Run, layer: DecisionLayer, rpGrants: MatchedStatement[] | undefined): Decision {
  return {
    decision: 'allowed',
    layer,
    reason: '',
    crossAccount: run.crossAccount,
    matched: rpGrants ? [...run.matches, ...rpGrants] : run.matches,
  };
}

function matched(ref: PolicyRef, st: CompiledStatement, layer: PolicyLayer): MatchedStatement {
  // The usual shapes (no managed-policy version; a compiled statement knows its source range)
  // as whole literals: adding properties one by one gave every object a second allocation.
  const range = st.range;
  if (ref.version === undefined && range !== undefined) {
    return st.sid === undefined
      ? { layer, policyId: ref.id, statementIndex: st.index, effect: st.effect, range }
      : { layer, policyId: ref.id, statementIndex: st.index, effect: st.effect, sid: st.sid, range };
  }
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
  return decision === 'explicitDeny' ? `with an explicit deny in ${article} ${noun}` : `because no ${noun} allows the ${action} action`;
}
