import { AccessDeniedError } from './access-denied.js';
import type { Tag } from '../model/entities.js';
import type { Principal } from '../model/principal.js';
import { type ContextValue, type Decision, evaluate, type PolicyRef, type PolicySet } from '../policy/index.js';
import type { Store } from '../storage/store.js';
import { gatherIdentityPolicies } from './gather-identity-policies.js';
import type { PolicyCompiler } from './policy-cache.js';
import { buildRequestContext, type RequestFacts, toRequestPrincipal } from './request-context.js';
import { readsResourceKeys } from './resource-keys.js';
import type { ResourceTarget } from './resource-target.js';
import { resolveManagedPolicy } from './resolve-managed-policy.js';

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
  /** A resource-based policy (a role's trust policy for sts:AssumeRole). */
  resourcePolicy?: PolicyRef;
  /** Keys only the operation can compute (sts:ExternalId, s3:prefix, s3:ExistingObjectTag/…). */
  context?: Record<string, ContextValue>;
  /** The operation's decoded input: request tags, boundary and policy ARN keys come from it. */
  input?: Readonly<Record<string, unknown>>;
  /**
   * Looks up the target resource (its tags, boundary, owner). Called only when a policy being
   * evaluated reads a resource key, or for a traced evaluation, so most requests skip the read.
   */
  target?: () => Promise<ResourceTarget>;
  /** The API call's own action, when checking another action on its behalf (see ContextRequest.keysOf). */
  keysOf?: string;
  trace?: boolean;
}

/**
 * The one place where policy evaluation meets storage: gather the caller's policies (compiled,
 * cached per entity and per session until the next IAM write), evaluate, and turn a denial into
 * AWS's AccessDenied text. Nothing is parsed per request once the caches are warm.
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

  async decide(
    principal: Principal,
    action: string,
    resource: string,
    facts: RequestFacts,
    options: AuthorizeOptions = {},
  ): Promise<Decision> {
    return (await this.evaluateWithContext(principal, action, resource, facts, options)).decision;
  }

  /** Throws AccessDenied (AWS's text, the evaluation attached) unless the decision is allowed. */
  async authorize(
    principal: Principal,
    action: string,
    resource: string,
    facts: RequestFacts,
    options: AuthorizeOptions = {},
  ): Promise<Decision> {
    const { decision } = await this.evaluateWithContext(principal, action, resource, facts, options);
    if (decision.decision !== 'allowed') {
      const base = `User: ${principal.arn} is not authorized to perform: ${action} on resource: ${resource}`;
      throw await this.denial(principal, action, resource, facts, options, decision.reason ? `${base} ${decision.reason}` : base);
    }
    return decision;
  }

  /**
   * The AccessDenied error for a refused request, with the evaluation traced (only on the
   * denial path: a trace costs tens of microseconds) for the encoded authorization message.
   */
  async denial(
    principal: Principal,
    action: string,
    resource: string,
    facts: RequestFacts,
    options: AuthorizeOptions,
    message: string,
  ): Promise<AccessDeniedError> {
    const traced = await this.evaluateWithContext(principal, action, resource, facts, { ...options, trace: true });
    return new AccessDeniedError(message, { decision: traced.decision, principal, action, resource, context: traced.context });
  }

  /**
   * An anonymous caller (S3 under a bucket policy): no identity side, only the resource policy.
   * The context comes from the same builder as every other check.
   */
  async decideAnonymous(action: string, resource: string, facts: RequestFacts, options: AuthorizeOptions = {}): Promise<Decision> {
    const policies: PolicySet = { identity: [], resource: options.resourcePolicy };
    const context = await this.context(undefined, {}, action, resource, facts, options, policies);
    return evaluate(
      { principal: toRequestPrincipal(undefined), action, resource, resourceAccount: options.resourceAccount, context },
      policies,
    );
  }

  private async evaluateWithContext(
    principal: Principal,
    action: string,
    resource: string,
    facts: RequestFacts,
    options: AuthorizeOptions,
  ) {
    const entity = await this.entityPolicies(principal);
    const session = await this.sessionPolicies(principal);
    const tags = principal.session?.tags ? overrideTags(entity.tags, principal.session.tags) : entity.tags;
    const policies: PolicySet = { identity: entity.identity, boundary: entity.boundary, session, resource: options.resourcePolicy };
    const context = await this.context(principal, tags, action, resource, facts, options, policies);
    const decision = evaluate(
      { principal: toRequestPrincipal(principal), action, resource, resourceAccount: options.resourceAccount, context },
      policies,
      { trace: options.trace },
    );
    return { decision, context };
  }

  private async context(
    principal: Principal | undefined,
    principalTags: Record<string, string>,
    action: string,
    resource: string,
    facts: RequestFacts,
    options: AuthorizeOptions,
    policies: PolicySet,
  ): Promise<Record<string, ContextValue>> {
    const target =
      options.target !== undefined && (options.trace === true || readsResourceKeys(policies)) ? await options.target() : undefined;
    return buildRequestContext({
      action,
      resource,
      keysOf: options.keysOf,
      principal,
      principalTags,
      facts,
      input: options.input,
      target,
      resourceAccount: options.resourceAccount,
      supplied: options.context,
    });
  }

  private async entityPolicies(principal: Principal): Promise<EntityPolicies> {
    const key = principal.entityId ?? principal.arn;
    let found = this.entities.get(key);
    if (found === undefined && principal.type === 'FederatedUser' && principal.session?.originUserName === undefined) {
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
    if (!s || (s.policy === undefined && (s.policyArns ?? []).length === 0)) return undefined;
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
