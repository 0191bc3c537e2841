import type { SourceRange } from './json.js';
import type { CompiledPolicy } from './compiled.js';

export type { SourceRange, SourcePosition } from './json.js';
export type { CompiledPolicy } from './compiled.js';

/**
 * Which kind of document a policy is. The kind selects the validation rules (AWS validates an
 * identity policy differently from a trust policy) and, for `trust`, the evaluation rule that
 * the resource policy must explicitly allow the caller.
 */
export type PolicyKind = 'identity' | 'resource' | 'trust' | 'session' | 'scp' | 'rcp' | 'boundary';

export type PolicyVersion = '2012-10-17' | '2008-10-17';

export interface ParseOptions {
  /**
   * Refuse a missing Version or 2008-10-17 with `Policy document must be version 2012-10-17 or
   * greater.`, as IAM's CreatePolicy / Put*Policy / CreateRole do. Off by default because the
   * evaluator must still read 2008-10-17 documents (old bucket and trust policies). RCPs always
   * require 2012-10-17.
   */
  requireCurrentVersion?: boolean;
  /**
   * validatePolicy only: warn on actions that are not in this catalogue (service prefix → action
   * names separated by spaces; src/policy/action-catalogue.ts has AWS's). Warnings only: parsePolicy
   * never reports them, so the server does not pass it.
   */
  actionCatalogue?: Readonly<Record<string, string>>;
}

export type FindingSeverity = 'error' | 'warning';

/** One problem found by `validatePolicy`. Errors carry AWS's MalformedPolicyDocument text. */
export interface Finding {
  severity: FindingSeverity;
  /** Stable identifier for tooling, e.g. `syntax`, `version`, `sid-unique`, `set-operator-single-valued`. */
  code: string;
  message: string;
  /** keysmith's own explanation where AWS's message is terse (`unknown condition operator Foo`). */
  detail?: string;
  /** The policy element at fault, when keysmith can name it: `Effect`, `Resource`, `Action`, `Condition.DateGreaterThan.aws:CurrentTime`, … */
  field?: string;
  /** A policy kind the document looks like when it fails as the kind asked for (`trust` for a trust policy checked as identity). */
  suggestedKind?: PolicyKind;
  /** Index of the statement concerned, when there is one. */
  statementIndex?: number;
  range?: SourceRange;
}

/**
 * The caller. `type` follows aws:PrincipalType, with 'Root' for the account's root user
 * ('Account' is accepted as a synonym, being AWS's aws:PrincipalType value for root), plus
 * 'Service' for AWS service principals and 'Federated' for a web-identity / SAML caller of
 * AssumeRoleWith* (who has no AWS identity yet, only a provider).
 */
export type PrincipalType = 'Root' | 'Account' | 'User' | 'AssumedRole' | 'FederatedUser' | 'Service' | 'Federated' | 'Anonymous';

export interface RequestPrincipal {
  type: PrincipalType;
  /**
   * The caller's own ARN: `arn:aws:iam::A:user/path/name`, `arn:aws:sts::A:assumed-role/Role/Session`,
   * `arn:aws:sts::A:federated-user/name`, `arn:aws:iam::A:root`. Empty for Service, Federated and
   * Anonymous callers.
   */
  arn: string;
  /** 12-digit account of the caller; empty for Service, Federated and Anonymous callers. */
  accountId: string;
  /**
   * aws:userid: `AIDA…` for a user, `AROA…:session` for a role session, `account:name` for a
   * federated user, the account id for root. Lets trust policies that hold unique ids match.
   */
  userId?: string;
  /** AssumedRole only: the role's ARN, path included (`arn:aws:iam::A:role/path/name`). */
  roleArn?: string;
  /** FederatedUser only: the IAM user who called GetFederationToken. */
  sourceUserArn?: string;
  /** Service only: the service principal, e.g. `ec2.amazonaws.com`. */
  service?: string;
  /** Federated only: `accounts.google.com`, `cognito-identity.amazonaws.com`, or the IAM provider ARN. */
  federatedProvider?: string;
  /** S3 canonical user id, when the caller has one. */
  canonicalUserId?: string;
}

/** A context value: a string, or an array for a multivalued key (aws:TagKeys, aws:CalledVia, …). */
export type ContextValue = string | readonly string[];

export interface AuthzRequest {
  principal: RequestPrincipal;
  /** `service:Action`, any case. */
  action: string;
  /** The resource ARN, or `*` for actions without resource-level permissions. */
  resource: string;
  /** Account owning the resource. Absent means the principal's own account (same-account request). */
  resourceAccount?: string;
  /**
   * Condition keys with their values. Key names are case-insensitive. A key that is absent must
   * be absent (not an empty string): absence and emptiness behave differently.
   */
  context: Readonly<Record<string, ContextValue>>;
}

export interface PolicyRef {
  /** Policy name or ARN: what the decision reports. */
  id: string;
  /** Managed-policy version id (`v3`), when there is one. */
  version?: string;
  policy: CompiledPolicy;
}

export interface PolicySet {
  /** Identity-based policies: inline + attached + group policies of the user, or the role's. */
  identity: readonly PolicyRef[];
  /** The resource-based policy of the target (a role trust policy for sts:AssumeRole*). */
  resource?: PolicyRef;
  /** The permissions boundary (more than one are ORed). Absent or empty: no boundary. */
  boundary?: readonly PolicyRef[];
  /**
   * Session policies (inline + managed; ORed together, then intersected with identity). Absent or
   * empty: no session policy — except for a federated user (GetFederationToken), who then has no
   * permissions, as on AWS.
   */
  session?: readonly PolicyRef[];
  /** SCPs by organization level, root first; every level must allow. Absent: not in an organization (or management account). */
  scps?: readonly (readonly PolicyRef[])[];
  /** RCPs by organization level, root first; every level must allow. */
  rcps?: readonly (readonly PolicyRef[])[];
}

export type PolicyLayer = 'scp' | 'rcp' | 'resource' | 'identity' | 'boundary' | 'session';

/**
 * The layer that decided. `root`: the account root user, allowed without identity policies.
 * `exempt`: an action that needs no authorization (sts:GetCallerIdentity).
 */
export type DecisionLayer = PolicyLayer | 'root' | 'exempt';

export type DecisionValue = 'allowed' | 'explicitDeny' | 'implicitDeny';

export interface MatchedStatement {
  layer: PolicyLayer;
  policyId: string;
  version?: string;
  statementIndex: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  /** Where the statement sits in the policy text. */
  range?: SourceRange;
}

export interface Decision {
  decision: DecisionValue;
  layer: DecisionLayer;
  /**
   * AWS's phrasing of why, ready to append to an AccessDenied message:
   * `with an explicit deny in an identity-based policy`,
   * `because no permissions boundary allows the s3:GetObject action`, … Empty when allowed.
   */
  reason: string;
  /** Whether the principal's account differs from the resource's. */
  crossAccount: boolean;
  /**
   * explicitDeny: the applicable Deny statement(s). allowed: the Allow statement(s) that granted,
   * in every layer that had to allow. implicitDeny: empty. One per layer by default; every
   * applicable one with `allMatches` or `trace`.
   */
  matched: MatchedStatement[];
  /** Only with `trace`: condition keys that applicable statements use and the request lacks. */
  missingContextKeys?: string[];
  trace?: Trace;
}

export type StatementOutcome = 'applies' | 'action' | 'resource' | 'principal' | 'condition';

export interface TraceStatement {
  layer: PolicyLayer;
  policyId: string;
  version?: string;
  statementIndex: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  /** `applies`, or the first element that did not match. */
  outcome: StatementOutcome;
  /** For `condition`: the operator and key that failed, e.g. `StringEquals aws:username`. */
  failedCondition?: string;
  /** For a resource-policy Allow that applies: how the caller was named. */
  principalMatch?: PrincipalMatchKind;
}

export interface Trace {
  statements: TraceStatement[];
  /** The evaluation steps in order, in words. */
  steps: string[];
}

/** How a Principal element named the caller (decides the same-account resource-policy rules). */
export type PrincipalMatchKind =
  | 'any' // "*"
  | 'account'
  | 'user'
  | 'role'
  | 'session'
  | 'federatedUser'
  | 'sourceUser' // the IAM user behind a federated-user session
  | 'service'
  | 'federated'
  | 'canonicalUser'
  | 'implicit'; // identity-type policies: the caller is the principal

export interface EvaluateOptions {
  /** Record every statement's outcome, the steps, and missing context keys. Off: no cost. */
  trace?: boolean;
  /**
   * List every applicable statement in `Decision.matched` (what SimulatePrincipalPolicy reports).
   * Off (the default, for request authorization): the first applicable statement of each layer
   * that decided, found in policy order, and the scan stops there. `trace` implies it.
   */
  allMatches?: boolean;
  /**
   * Treat the resource policy as one that must explicitly allow the caller (KMS key policies).
   * Trust policies (kind `trust`) always are.
   */
  resourcePolicyMustAllow?: boolean;
}
