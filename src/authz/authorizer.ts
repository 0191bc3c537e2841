import { AccessDeniedError } from './access-denied.js';
import type { AwsError } from '../errors/aws-error.js';
import type { Tag } from '../model/entities.js';
import { entityIdOf, type Principal } from '../model/principal.js';
import { type AuthzRequest, type ContextValue, type Decision, evaluate, type PolicyRef, type PolicySet } from '../policy/index.js';
import { type Requester, isAnonymous } from './requester.js';
import type { Store } from '../storage/store.js';
import { gatherIdentityPolicies } from './gather-identity-policies.js';
import type { PolicyCompiler } from './policy-cache.js';
import { buildRequestContext, federatedPrincipal, type RequestFacts, servicePrincipal, toRequestPrincipal } from './request-context.js';
import { readsResourceKeys } from './resource-keys.js';
import type { ResourceTarget } from './resource-target.js';
import { resolveManagedPolicy } from './resolve-managed-policy.js';
import { rootAllowance, type RootAllowance } from './root-rule.js';
import { sessionLimitRefusal } from './session-limits.js';

const ROOT_ALLOWS_ALL = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';

/** Compiled identity-side policies of one IAM entity. */
interface EntityPolicies {
  identity: PolicyRef[];
  boundary?: PolicyRef[];
  tags: Record<string, string>;
}

export interface AuthorizeOptions {
  /** The account that owns the resource, when it is not the caller's. */
  resourceAccount?: string;
  /** A resource-based policy (a bucket policy, a role's trust policy for sts:AssumeRole). */
  resourcePolicy?: PolicyRef;
  /** Keys only the operation can compute (sts:ExternalId, s3:prefix, s3:ExistingObjectTag/…). */
  context?: Record<string, ContextValue>;
  /** The operation's decoded input: request tags, boundary and policy ARN keys come from it. */
  input?: Readonly<Record<string, unknown>>;
  /**
   * Looks up the target resource (its tags, boundary, owner). Called only when a policy being
   * evaluated reads a resource key, or to explain a denial, so most requests skip the read.
   */
  target?: () => Promise<ResourceTarget>;
  /**
   * The API call's own action, when checking another action on its behalf (see
   * ContextRequest.keysOf): its condition keys and its session limits apply.
   */
  keysOf?: string;
  /**
   * AWS's AccessDenied text names no reason for some calls (AssumeRole: the same text as for a
   * role that does not exist); the reason still travels in the encoded authorization message.
   */
  omitReason?: boolean;
}

/**
 * The resource ARN a check is for, or a function that names it: called only when policies are
 * evaluated, so the session limits and the root rule answer without resolving it (IAM's resolvers
 * read the entity for its real path).
 */
export type Resource = string | (() => string | Promise<string>);

/** The outcome of one check, and what decided it. */
export type Verdict =
  /** The root rule (src/authz/root-rule.ts): nothing was evaluated. */
  | { allowed: true; by: RootAllowance }
  /** A GetSessionToken or GetFederationToken session may not make this call at all. */
  | { allowed: false; by: 'session-limit'; refusal: AwsError }
  /** The policies decided; the decision says which layer and why. */
  | { allowed: boolean; by: 'policy'; decision: Decision };

/** One policy evaluation and what went into it, kept to explain a denial without gathering again. */
interface Evaluation {
  decision: Decision;
  request: AuthzRequest;
  policies: PolicySet;
  principal: Principal | undefined;
  principalTags: Record<string, string>;
  /** Whether the target was looked up for the context (a policy reads a resource key). */
  targetRead: boolean;
}

/** A verdict, with the evaluation behind it when policies decided. */
type Checked =
  | { verdict: Exclude<Verdict, { by: 'policy' }>; evaluation?: undefined }
  | { verdict: Extract<Verdict, { by: 'policy' }>; evaluation: Evaluation };

/**
 * THE authorization entry: every check of every API — the Query and JSON pipelines' checks of an
 * operation, the handlers that authorize themselves (AssumeRole's trust policy, GetFederationToken),
 * S3's checks for signed and anonymous callers — is `decide` (the verdict) or `authorize` (throws
 * the refusal as AWS's error). In order: the session-token and federation-token limits
 * (session-limits.ts), the root rule (root-rule.ts), then the policies: the caller's (compiled,
 * cached per entity and per session until the next IAM write), the resource policy, and the
 * request context from the one builder. Nothing is parsed per request once the caches are warm.
 */
export class Authorizer {
  private readonly entities = new Map<string, EntityPolicies>();
  private readonly sessions = new Map<string, PolicyRef[]>();

  constructor(
    private readonly store: Store,
    private readonly compiler: PolicyCompiler,
  ) {}

  invalidate(): void {
    this.entities.clear();
    this.sessions.clear();
  }

  /** The verdict on `caller` performing `action` on `resource`; a refusal is returned, not thrown. */
  async decide(
    caller: Requester,
    action: string,
    resource: Resource,
    facts: RequestFacts,
    options: AuthorizeOptions = {},
  ): Promise<Verdict> {
    return (await this.check(caller, action, resource, facts, options)).verdict;
  }

  /**
   * Throws unless allowed: a session limit's own error, or AccessDenied with AWS's text and the
   * evaluation, traced, attached (for the encoded authorization message). Signed callers only: the
   * anonymous caller exists only in S3, which answers with its own errors from `decide`.
   */
  async authorize(
    caller: Principal,
    action: string,
    resource: Resource,
    facts: RequestFacts,
    options: AuthorizeOptions = {},
  ): Promise<Verdict> {
    const checked = await this.check(caller, action, resource, facts, options);
    if (checked.verdict.allowed) return checked.verdict;
    if (checked.evaluation === undefined) throw checked.verdict.refusal;
    const evaluation = checked.evaluation;
    const arn = evaluation.request.resource;
    const base = `User: ${caller.arn} is not authorized to perform: ${action} on resource: ${arn}`;
    const reason = checked.verdict.decision.reason;
    const message = reason && options.omitReason !== true ? `${base} ${reason}` : base;
    // Only on the denial path: a trace costs tens of microseconds.
    const traced = await this.explain(evaluation, facts, options);
    throw new AccessDeniedError(message, { decision: traced.decision, principal: caller, action, resource: arn, context: traced.context });
  }

  /**
   * A caller with no AWS identity yet — the web-identity or SAML sign-in of AssumeRoleWith* —
   * named by its identity provider: no identity side, no session limits, no root rule; the
   * resource (trust) policy alone decides, and must name the provider as its `Federated`
   * principal. The verdict is returned: AWS's refusal text for these calls names no caller, so
   * the operation words it.
   */
  decideFederated(
    provider: string,
    action: string,
    resource: string,
    facts: RequestFacts,
    options: AuthorizeOptions & {
      resourcePolicy: PolicyRef;
      /**
       * Keys only the verified token can say whose names depend on the provider
       * (`token.actions.githubusercontent.com:sub`, …): AWS's per-action key list cannot name
       * them, so they are kept as given (the `context` option's keys are filtered by it).
       */
      claims?: Readonly<Record<string, ContextValue>>;
    },
  ): Decision {
    const context = buildRequestContext({
      action,
      resource,
      keysOf: options.keysOf,
      principal: undefined,
      federatedProvider: provider,
      facts,
      input: options.input,
      resourceAccount: options.resourceAccount,
      supplied: options.context,
    });
    if (options.claims) Object.assign(context, options.claims);
    const request: AuthzRequest = {
      principal: federatedPrincipal(provider),
      action,
      resource,
      resourceAccount: options.resourceAccount,
      context,
    };
    return evaluate(request, { identity: [], resource: options.resourcePolicy }, { resourcePolicyMustAllow: true });
  }

  /**
   * An AWS service principal (`ec2.amazonaws.com`, …) assuming a role for the compute it runs — a
   * credential grant (src/services/service-roles/): as for a federated sign-in, no identity side
   * and no session limits; the role's trust policy alone decides and must name the service. The
   * operation supplies aws:SourceArn and aws:SourceAccount (the compute and its account).
   */
  decideService(
    service: string,
    action: string,
    resource: string,
    facts: RequestFacts,
    options: AuthorizeOptions & { resourcePolicy: PolicyRef },
  ): Decision {
    const context = buildRequestContext({
      action,
      resource,
      keysOf: options.keysOf,
      principal: undefined,
      servicePrincipal: service,
      facts,
      input: options.input,
      resourceAccount: options.resourceAccount,
      supplied: options.context,
    });
    const request: AuthzRequest = {
      principal: servicePrincipal(service),
      action,
      resource,
      resourceAccount: options.resourceAccount,
      context,
    };
    return evaluate(request, { identity: [], resource: options.resourcePolicy }, { resourcePolicyMustAllow: true });
  }

  private async check(
    caller: Requester,
    action: string,
    resource: Resource,
    facts: RequestFacts,
    options: AuthorizeOptions,
  ): Promise<Checked> {
    // The limits are about the API call, so a check made on its behalf answers to its action.
    const refusal = sessionLimitRefusal(caller, options.keysOf ?? action);
    if (refusal) return { verdict: { allowed: false, by: 'session-limit', refusal } };
    const root = rootAllowance(caller, action, options.resourceAccount, options.resourcePolicy);
    if (root) return { verdict: { allowed: true, by: root } };
    const arn = typeof resource === 'string' ? resource : await resource();
    const evaluation = await this.evaluate(caller, action, arn, facts, options);
    return { verdict: { allowed: evaluation.decision.decision === 'allowed', by: 'policy', decision: evaluation.decision }, evaluation };
  }

  private async evaluate(
    caller: Requester,
    action: string,
    resource: string,
    facts: RequestFacts,
    options: AuthorizeOptions,
  ): Promise<Evaluation> {
    let principal: Principal | undefined;
    let principalTags: Record<string, string> = {};
    let policies: PolicySet;
    if (isAnonymous(caller)) {
      // No identity side: only the resource policy.
      policies = { identity: [], resource: options.resourcePolicy };
    } else {
      principal = caller;
      const entity = await this.entityPolicies(caller);
      const session = await this.sessionPolicies(caller);
      const sessionTags = caller.session !== undefined && caller.session.kind !== 'SessionToken' ? caller.session.tags : undefined;
      principalTags = sessionTags ? overrideTags(entity.tags, sessionTags) : entity.tags;
      policies = { identity: entity.identity, boundary: entity.boundary, session, resource: options.resourcePolicy };
    }
    const target = options.target !== undefined && readsResourceKeys(policies) ? await options.target() : undefined;
    const context = requestContext({ principal, principalTags, action, resource, facts, options, target });
    const request: AuthzRequest = {
      principal: toRequestPrincipal(principal),
      action,
      resource,
      resourceAccount: options.resourceAccount,
      context,
    };
    return { decision: evaluate(request, policies), request, policies, principal, principalTags, targetRead: target !== undefined };
  }

  /**
   * The denied evaluation again, traced, for the encoded authorization message: the same policies
   * and request, with the target read (a denial's trace shows its resource keys) when it was not.
   */
  private async explain(
    e: Evaluation,
    facts: RequestFacts,
    options: AuthorizeOptions,
  ): Promise<{ decision: Decision; context: Readonly<Record<string, ContextValue>> }> {
    let request = e.request;
    if (options.target !== undefined && !e.targetRead) {
      const { principal, principalTags } = e;
      const context = requestContext({
        principal,
        principalTags,
        action: request.action,
        resource: request.resource,
        facts,
        options,
        target: await options.target(),
      });
      request = { ...request, context };
    }
    return { decision: evaluate(request, e.policies, { trace: true }), context: request.context };
  }

  private async entityPolicies(principal: Principal): Promise<EntityPolicies> {
    const key = entityIdOf(principal) ?? principal.arn;
    let found = this.entities.get(key);
    if (found === undefined && principal.type === 'FederatedUser' && principal.session.originUserName === undefined) {
      // A federated session the account root asked for: root's side allows everything, so the
      // session policy alone limits it (AWS's rule).
      found = { identity: [{ id: 'root', policy: this.compiler.compile(ROOT_ALLOWS_ALL, 'identity') }], tags: {} };
      this.entities.set(key, found);
    }
    if (found === undefined) {
      const gathered = await gatherIdentityPolicies(this.store, principal);
      const ref = (p: { id: string; version?: string; document: string }, kind: 'identity' | 'boundary'): PolicyRef => ({
        id: p.id,
        version: p.version,
        policy: this.compiler.compile(p.document, kind),
      });
      found = {
        identity: gathered.identity.map((p) => ref(p, 'identity')),
        boundary: gathered.boundary ? [ref(gathered.boundary, 'boundary')] : undefined,
        tags: Object.fromEntries(gathered.tags.map((t) => [t.Key, t.Value])),
      };
      // A vanished entity (deleted user or role) keeps no permissions: an empty boundary-less
      // identity set denies everything.
      this.entities.set(key, found);
    }
    return found;
  }

  /** Session policies of temporary credentials: the inline Policy and the PolicyArns. */
  private async sessionPolicies(principal: Principal): Promise<PolicyRef[] | undefined> {
    const s = principal.session;
    // GetSessionToken sessions take no session policies.
    if (s === undefined || s.kind === 'SessionToken' || (s.policy === undefined && (s.policyArns ?? []).length === 0)) return undefined;
    let refs = this.sessions.get(s.accessKeyId);
    if (refs === undefined) {
      refs = [];
      if (s.policy !== undefined) refs.push({ id: 'SessionPolicy', policy: this.compiler.compile(s.policy, 'session') });
      for (const arn of s.policyArns ?? []) {
        const resolved = await resolveManagedPolicy(this.store, arn);
        // A session policy that no longer exists grants nothing, but must still narrow.
        const document = resolved?.document ?? '{"Version":"2012-10-17","Statement":[]}';
        refs.push({ id: arn, version: resolved?.versionId, policy: this.compiler.compile(document, 'session') });
      }
      this.sessions.set(s.accessKeyId, refs);
    }
    return refs;
  }
}

/** Session tags override the entity's tags with the same key, compared ignoring case. */
function overrideTags(base: Record<string, string>, session: readonly Tag[]): Record<string, string> {
  const out: Record<string, string> = {};
  const overridden = new Set(session.map((t) => t.Key.toLowerCase()));
  for (const [k, v] of Object.entries(base)) if (!overridden.has(k.toLowerCase())) out[k] = v;
  for (const t of session) out[t.Key] = t.Value;
  return out;
}

/** The request context of one check, from the one builder (request-context.ts). */
function requestContext(c: {
  principal: Principal | undefined;
  principalTags: Record<string, string>;
  action: string;
  resource: string;
  facts: RequestFacts;
  options: AuthorizeOptions;
  target: ResourceTarget | undefined;
}): Record<string, ContextValue> {
  const { options } = c;
  return buildRequestContext({
    action: c.action,
    resource: c.resource,
    keysOf: options.keysOf,
    principal: c.principal,
    principalTags: c.principalTags,
    facts: c.facts,
    input: options.input,
    target: c.target,
    resourceAccount: options.resourceAccount,
    supplied: options.context,
  });
}
