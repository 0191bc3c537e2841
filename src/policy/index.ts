/**
 * keysmith's IAM policy engine — the public API. Pure: no `node:*`, no clock, no I/O.
 *
 * Write time (CreatePolicy, PutRolePolicy, CreateRole, UpdateAssumeRolePolicy, …):
 *
 *   parsePolicy(text, kind, { requireCurrentVersion? }) → CompiledPolicy
 *     kind: 'identity' | 'resource' | 'trust' | 'session' | 'scp' | 'rcp' | 'boundary'.
 *     Throws AwsError('MalformedPolicyDocument', <AWS's exact message>) for the first problem
 *     IAM would report. IAM's own APIs pass `requireCurrentVersion: true` (missing Version or
 *     2008-10-17 → 'Policy document must be version 2012-10-17 or greater.'); the evaluator
 *     reads both versions. An unknown condition operator makes the policy invalid.
 *     Compile once, keep the CompiledPolicy (cache it by policy id + version), evaluate often.
 *
 *   validatePolicy(text, kind, options?) → Finding[]   (all errors in IAM's order, then warnings;
 *     `actionCatalogue` adds IAM Access Analyzer's unknown-action warnings — action-names.ts)
 *
 * Request time:
 *
 *   evaluate(request: AuthzRequest, policies: PolicySet, { trace?, allMatches?, resourcePolicyMustAllow? })
 *     → Decision { decision: 'allowed' | 'explicitDeny' | 'implicitDeny', layer, reason,
 *                  crossAccount, matched: MatchedStatement[], missingContextKeys?, trace? }
 *     `matched` holds the first applicable statement of each deciding layer (the scan stops
 *     there); `allMatches: true` lists every applicable one (SimulatePrincipalPolicy's
 *     MatchedStatements); `trace: true` adds every statement's outcome, the steps in words and
 *     missingContextKeys (MissingContextValues) — about 30 µs, for simulation and debugging.
 *   evaluateTrust(request, trustPolicy: PolicyRef, callerPolicies?, options?) → Decision
 *     for sts:AssumeRole* / sts:TagSession / sts:SetSourceIdentity (the trust policy must
 *     explicitly allow the caller). A PolicyRef whose policy has kind 'trust' passed as
 *     `policies.resource` to `evaluate` gets the same rule.
 *
 *   principalContext(principal, extras?) → the global condition keys the principal implies
 *     (aws:PrincipalArn, aws:userid, aws:username, aws:PrincipalType, aws:PrincipalAccount, …)
 *     for building AuthzRequest.context.
 *
 * Who supplies what (the engine takes everything as data):
 *   - identity: the user's inline + attached + group policies, or the role's policies (for a
 *     role session or a federated user: the role's / calling user's policies);
 *   - resource: the target's resource-based policy — the role's trust policy for
 *     sts:AssumeRole*, sts:TagSession, sts:SetSourceIdentity (one evaluate call per action);
 *   - boundary / session: when present (a federated user needs a session policy to do anything);
 *   - scps / rcps: per organization level, root first, only where they apply (member accounts;
 *     SCPs never apply to the management account or service-linked roles);
 *   - context: keys that are absent must be absent; multivalued keys are arrays.
 * The root user cannot assume roles ('Roles may not be assumed by root accounts.'): the STS
 * handler refuses that before asking the engine.
 */
export { parsePolicy, validatePolicy } from './parse.js';
export { evaluate, evaluateTrust } from './evaluate.js';
export { principalContext } from './principal-context.js';
export { policyReadsKey } from './reads-key.js';
export type {
  AuthzRequest,
  CompiledPolicy,
  ContextValue,
  Decision,
  DecisionLayer,
  DecisionValue,
  EvaluateOptions,
  Finding,
  FindingSeverity,
  MatchedStatement,
  ParseOptions,
  PolicyKind,
  PolicyLayer,
  PolicyRef,
  PolicySet,
  PolicyVersion,
  PrincipalMatchKind,
  PrincipalType,
  RequestPrincipal,
  SourcePosition,
  SourceRange,
  StatementOutcome,
  Trace,
  TraceStatement,
} from './types.js';
