import type { PolicySource } from '../../authz/gather-identity-policies.js';
import { federatedPrincipal, servicePrincipal } from '../../authz/request-context.js';
import type { Tag } from '../../model/entities.js';
import {
  evaluate,
  principalContext,
  type AuthzRequest,
  type CompiledPolicy,
  type ContextValue,
  type Decision,
  type MatchedStatement,
  type PolicyKind,
  type PolicyRef,
  type RequestPrincipal,
} from '../../policy/index.js';
import { rewrite, type SourceClass } from './undecided-conditions.js';

/**
 * Who can assume a role, and which roles a user or role can reach — decided by the real policy
 * engine (src/policy/) exactly as sts:AssumeRole* decides it: the role's trust policy as the
 * resource policy that must name the caller, with the caller's identity policies and permissions
 * boundary (same account: a trust that names the caller itself needs no identity policy; naming
 * the account, or any cross-account call, needs both sides). The analysis only chooses whom to ask
 * about and what the request context holds; keys it cannot know are left undecided
 * (undecided-conditions.ts) and a link that depends on them is `conditional`, with those keys.
 *
 * Candidates for a role: the IAM users and roles of every account keysmith holds that its trust
 * policy could name (by ARN, unique id, account, or `*`), the service principals and federated
 * providers it names, the accounts it names (delegation: their principals need their own
 * permission too), `*`, and principals of accounts keysmith does not hold (their own policies are
 * unknown). Role chains are followed to `maxDepth` links; a role already visited is not expanded
 * again, so cycles end.
 */

export interface AccessUser {
  kind: 'user';
  arn: string;
  id: string;
  accountId: string;
  name: string;
  tags: Tag[];
}

export interface AccessRole {
  kind: 'role';
  arn: string;
  id: string;
  accountId: string;
  name: string;
  tags: Tag[];
  trustPolicy: string;
}

export type AccessEntity = AccessUser | AccessRole;

/** A policy of an entity, with the label the answer shows (inline name, group/name, managed ARN). */
export interface LabelledPolicy extends PolicySource {
  label: string;
}

/** What the analysis reads: the entities keysmith holds and their policies. */
export interface AccessDirectory {
  /** The users and roles the analysis may name (the caller's account's: other accounts' stay theirs). */
  entities(): Promise<AccessEntity[]>;
  /** Every account keysmith holds, when more than the entities' (other accounts are then shown as accounts only). */
  accounts?(): Promise<string[]>;
  /** The entity's identity policies (a user's groups' included) and boundary. */
  policies(entity: AccessEntity): Promise<{ identity: LabelledPolicy[]; boundary?: LabelledPolicy }>;
  /** Whether an IAM OIDC or SAML provider with this ARN exists. */
  providerExists(arn: string): Promise<boolean>;
}

export type NodeKind = 'user' | 'role' | 'account' | 'service' | 'federated' | 'anyone' | 'external';

export interface AccessNode {
  id: string;
  kind: NodeKind;
  label: string;
  arn?: string;
  accountId?: string;
  note?: string;
}

export interface StatementRef {
  /** `trust`, `identity` or `boundary`. */
  layer: string;
  policy: string;
  statementIndex: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
}

export interface AccessEdge {
  id: string;
  from: string;
  to: string;
  action: string;
  status: 'allowed' | 'conditional';
  /** The undecided keys the link depends on (conditional links). */
  conditionKeys: string[];
  /** The trust-policy statements that allow the link. */
  trust: StatementRef[];
  /** The caller's identity-policy (and boundary) statements that allow it, when they were needed. */
  identity: StatementRef[];
  /** Conditional Deny statements that could refuse it. */
  denies: StatementRef[];
  note?: string;
}

export interface AccessPath {
  edges: string[];
  status: 'allowed' | 'conditional';
}

export interface AccessGraph {
  subject: string;
  direction: 'who-can-assume' | 'can-reach';
  nodes: AccessNode[];
  edges: AccessEdge[];
  paths: AccessPath[];
  /** More paths existed than are listed. */
  truncated: boolean;
}

export interface AnalysisOptions {
  maxDepth?: number;
  maxPaths?: number;
}

export type Compile = (text: string, kind: PolicyKind) => CompiledPolicy;

const WEB_IDENTITY = new Set(['accounts.google.com', 'cognito-identity.amazonaws.com', 'www.amazon.com', 'graph.facebook.com']);
const SESSION = 'keysmith-analysis';
const ALLOW_ASSUME = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
});

/** What a trust policy's Principal elements name (read to choose whom to ask the engine about). */
interface Named {
  anyone: boolean;
  accounts: Set<string>;
  arns: Set<string>;
  ids: Set<string>;
  services: Set<string>;
  federated: Set<string>;
}

function namedBy(trust: string): Named {
  const named: Named = { anyone: false, accounts: new Set(), arns: new Set(), ids: new Set(), services: new Set(), federated: new Set() };
  let doc: { Statement?: unknown };
  try {
    doc = JSON.parse(trust) as { Statement?: unknown };
  } catch {
    return named;
  }
  const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  const values = (v: unknown): string[] => (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
  for (const st of statements as Record<string, unknown>[]) {
    if (!st || typeof st !== 'object' || st.Effect !== 'Allow') continue;
    if (st.NotPrincipal !== undefined || st.Principal === '*') {
      named.anyone = true;
      continue;
    }
    const p = st.Principal as Record<string, unknown> | undefined;
    if (!p || typeof p !== 'object') continue;
    for (const a of values(p.AWS)) {
      if (a === '*') named.anyone = true;
      else if (/^\d{12}$/.test(a)) named.accounts.add(a);
      else {
        const root = /^arn:[^:]+:iam::(\d{12}):root$/.exec(a);
        if (root) named.accounts.add(root[1]!);
        else if (a.startsWith('arn:')) named.arns.add(a);
        else named.ids.add(a);
      }
    }
    for (const s of values(p.Service)) named.services.add(s);
    for (const f of values(p.Federated)) named.federated.add(f);
  }
  return named;
}

/** Whether the trust could name the entity (the engine decides whether it does). */
function couldName(named: Named, e: AccessEntity): boolean {
  if (named.anyone || named.accounts.has(e.accountId) || named.arns.has(e.arn) || named.ids.has(e.id)) return true;
  if (e.kind === 'role') {
    const prefix = `arn:aws:sts::${e.accountId}:assumed-role/${e.name}/`;
    for (const a of named.arns) if (a.startsWith(prefix)) return true;
  }
  return false;
}

/** The request principal of an entity acting: an IAM user, or a session of a role. */
function requestPrincipal(e: AccessEntity): RequestPrincipal {
  if (e.kind === 'user') return { type: 'User', arn: e.arn, accountId: e.accountId, userId: e.id };
  return {
    type: 'AssumedRole',
    arn: `arn:aws:sts::${e.accountId}:assumed-role/${e.name}/${SESSION}`,
    accountId: e.accountId,
    userId: `${e.id}:${SESSION}`,
    roleArn: e.arn,
  };
}

/** One caller as the engine will see it. */
interface Caller {
  principal: RequestPrincipal;
  source: SourceClass;
  tags?: Record<string, string>;
  identity: LabelledPolicy[];
  boundary?: LabelledPolicy;
  /** Service and federated callers: no identity side, the trust policy alone decides. */
  trustOnly?: boolean;
}

interface LinkResult {
  status: 'allowed' | 'conditional';
  conditionKeys: string[];
  trust: StatementRef[];
  identity: StatementRef[];
  denies: StatementRef[];
}

interface Prepared {
  ref: PolicyRef;
  label: string;
  layer: string;
  undecided: Map<number, string[]>;
}

/**
 * One link: may `caller` perform `action` on the role? The pessimistic and optimistic copies of
 * every policy are evaluated by the engine; see undecided-conditions.ts.
 */
export function decideLink(compile: Compile, caller: Caller, role: AccessRole, action: string): LinkResult | undefined {
  const context: Record<string, ContextValue> = {
    ...principalContext(caller.principal, caller.tags ? { tags: caller.tags } : {}),
    'aws:ResourceAccount': role.accountId,
  };
  for (const t of role.tags) {
    context[`aws:ResourceTag/${t.Key}`] = t.Value;
    context[`iam:ResourceTag/${t.Key}`] = t.Value;
  }
  const request: AuthzRequest = { principal: caller.principal, action, resource: role.arn, resourceAccount: role.accountId, context };
  const run = (mode: 'pessimistic' | 'optimistic') => {
    const byId = new Map<string, Prepared>();
    const prepare = (p: { document: string; label: string }, kind: PolicyKind, id: string, layer: string): PolicyRef => {
      const r = rewrite(p.document, caller.source);
      const ref: PolicyRef = { id, policy: compile(r[mode], kind) };
      byId.set(id, { ref, label: p.label, layer, undecided: r.undecided });
      return ref;
    };
    const trust = prepare({ document: role.trustPolicy, label: 'AssumeRolePolicyDocument' }, 'trust', 't', 'trust');
    const identity = caller.identity.map((p, i) => prepare(p, 'identity', `i${i}`, 'identity'));
    const boundary = caller.boundary ? [prepare(caller.boundary, 'boundary', 'b', 'boundary')] : undefined;
    const decision = evaluate(request, caller.trustOnly ? { identity: [], resource: trust } : { identity, boundary, resource: trust }, {
      allMatches: true,
      resourcePolicyMustAllow: true,
    });
    return { decision, byId };
  };
  const refOf = (byId: Map<string, Prepared>, m: MatchedStatement): StatementRef => {
    const p = byId.get(m.policyId);
    const out: StatementRef = {
      layer: p?.layer ?? m.layer,
      policy: p?.label ?? m.policyId,
      statementIndex: m.statementIndex,
      effect: m.effect,
    };
    if (m.sid !== undefined) out.sid = m.sid;
    return out;
  };
  const keysOf = (byId: Map<string, Prepared>, matched: readonly MatchedStatement[]): string[] =>
    matched.flatMap((m) => byId.get(m.policyId)?.undecided.get(m.statementIndex) ?? []);

  const strict = run('pessimistic');
  const split = (d: Decision, byId: Map<string, Prepared>) => {
    const allows = d.matched.filter((m) => m.effect === 'Allow');
    return {
      trust: allows.filter((m) => m.layer === 'resource').map((m) => refOf(byId, m)),
      identity: allows.filter((m) => m.layer !== 'resource').map((m) => refOf(byId, m)),
    };
  };
  if (strict.decision.decision === 'allowed') {
    return { status: 'allowed', conditionKeys: [], ...split(strict.decision, strict.byId), denies: [] };
  }
  const loose = run('optimistic');
  if (loose.decision.decision !== 'allowed') return undefined;
  // Deny statements that applied pessimistically but not optimistically read undecided keys.
  const conditionalDenies = strict.decision.decision === 'explicitDeny' ? strict.decision.matched.filter((m) => m.effect === 'Deny') : [];
  const keys = [...keysOf(loose.byId, loose.decision.matched), ...keysOf(strict.byId, conditionalDenies)];
  return {
    status: 'conditional',
    conditionKeys: [...new Map(keys.map((k) => [k.toLowerCase(), k])).values()].sort(),
    ...split(loose.decision, loose.byId),
    denies: conditionalDenies.map((m) => refOf(strict.byId, m)),
  };
}

/** The action a federated provider's callers use. */
function federatedAction(provider: string): string {
  return /:saml-provider\//.test(provider) ? 'sts:AssumeRoleWithSAML' : 'sts:AssumeRoleWithWebIdentity';
}

/** The whole analysis, in one direction, over one directory. */
export class AccessAnalysis {
  private entities: AccessEntity[] = [];
  private held = new Set<string>();
  private readonly policyCache = new Map<string, Promise<{ identity: LabelledPolicy[]; boundary?: LabelledPolicy }>>();
  private readonly nodes = new Map<string, AccessNode>();
  private readonly edges: AccessEdge[] = [];
  private readonly maxDepth: number;
  private readonly maxPaths: number;

  constructor(
    private readonly directory: AccessDirectory,
    private readonly compile: Compile,
    options: AnalysisOptions = {},
  ) {
    this.maxDepth = Math.max(1, Math.min(options.maxDepth ?? 4, 8));
    this.maxPaths = options.maxPaths ?? 200;
  }

  private async load(): Promise<void> {
    this.entities = await this.directory.entities();
    this.held = new Set([...this.entities.map((e) => e.accountId), ...((await this.directory.accounts?.()) ?? [])]);
  }

  private policies(e: AccessEntity) {
    let found = this.policyCache.get(e.arn);
    if (!found) {
      found = this.directory.policies(e);
      this.policyCache.set(e.arn, found);
    }
    return found;
  }

  private async callerOf(e: AccessEntity): Promise<Caller> {
    const p = await this.policies(e);
    return {
      principal: requestPrincipal(e),
      source: e.kind === 'user' ? 'user' : 'role-session',
      tags: Object.fromEntries(e.tags.map((t) => [t.Key, t.Value])),
      identity: p.identity,
      boundary: p.boundary,
    };
  }

  private node(n: AccessNode): string {
    if (!this.nodes.has(n.id)) this.nodes.set(n.id, n);
    return n.id;
  }

  private entityNode(e: AccessEntity): string {
    return this.node({ id: e.arn, kind: e.kind, label: e.name, arn: e.arn, accountId: e.accountId });
  }

  private edge(from: string, to: string, action: string, r: LinkResult, note?: string): void {
    if (this.edges.some((e) => e.from === from && e.to === to && e.action === action)) return;
    this.edges.push({ id: `e${this.edges.length + 1}`, from, to, action, ...r, ...(note ? { note } : {}) });
  }

  /** Every principal that can assume the role, directly or through a chain of roles. */
  async whoCanAssume(roleArn: string): Promise<AccessGraph> {
    await this.load();
    const target = this.entities.find((e): e is AccessRole => e.kind === 'role' && e.arn === roleArn);
    if (!target) throw new Error(`no role ${roleArn}`);
    this.entityNode(target);
    const visited = new Set([target.arn]);
    let frontier: AccessRole[] = [target];
    for (let depth = 1; depth <= this.maxDepth && frontier.length > 0; depth++) {
      const next: AccessRole[] = [];
      for (const role of frontier) {
        for (const source of await this.directCallers(role)) {
          if (source.kind === 'role' && !visited.has(source.arn)) {
            visited.add(source.arn);
            next.push(source);
          }
        }
      }
      frontier = next;
    }
    return this.graph(roleArn, 'who-can-assume');
  }

  /** Every role the user or role can reach, directly or through a chain. */
  async canReach(principalArn: string): Promise<AccessGraph> {
    await this.load();
    const start = this.entities.find((e) => e.arn === principalArn);
    if (!start) throw new Error(`no principal ${principalArn}`);
    this.entityNode(start);
    const visited = new Set([start.arn]);
    let frontier: AccessEntity[] = [start];
    const roles = this.entities.filter((e): e is AccessRole => e.kind === 'role');
    for (let depth = 1; depth <= this.maxDepth && frontier.length > 0; depth++) {
      const next: AccessRole[] = [];
      for (const source of frontier) {
        const caller = await this.callerOf(source);
        for (const role of roles) {
          if (role.arn === source.arn || !couldName(namedBy(role.trustPolicy), source)) continue;
          const r = decideLink(this.compile, caller, role, 'sts:AssumeRole');
          if (!r) continue;
          this.edge(this.entityNode(source), this.entityNode(role), 'sts:AssumeRole', r);
          if (!visited.has(role.arn)) {
            visited.add(role.arn);
            next.push(role);
          }
        }
      }
      frontier = next;
    }
    return this.graph(principalArn, 'can-reach');
  }

  /** The links into one role; returns the held users and roles that can assume it. */
  private async directCallers(role: AccessRole): Promise<AccessEntity[]> {
    const named = namedBy(role.trustPolicy);
    const to = this.entityNode(role);
    const found: AccessEntity[] = [];
    for (const e of this.entities) {
      if (e.arn === role.arn || !couldName(named, e)) continue;
      const r = decideLink(this.compile, await this.callerOf(e), role, 'sts:AssumeRole');
      if (!r) continue;
      this.edge(this.entityNode(e), to, 'sts:AssumeRole', r);
      found.push(e);
    }
    for (const service of named.services) {
      const r = decideLink(
        this.compile,
        { principal: servicePrincipal(service), source: 'service', identity: [], trustOnly: true },
        role,
        'sts:AssumeRole',
      );
      if (r) this.edge(this.node({ id: `service:${service}`, kind: 'service', label: service }), to, 'sts:AssumeRole', r);
    }
    for (const provider of named.federated) {
      const action = federatedAction(provider);
      const r = decideLink(
        this.compile,
        { principal: federatedPrincipal(provider), source: 'federated', identity: [], trustOnly: true },
        role,
        action,
      );
      if (!r) continue;
      const iamProvider = provider.startsWith('arn:');
      const exists = iamProvider ? await this.directory.providerExists(provider) : WEB_IDENTITY.has(provider);
      // `token.actions.githubusercontent.com (OIDC)`, `Corp (SAML)`, or the well-known provider's name.
      const named = /:(oidc|saml)-provider\/(.+)$/.exec(provider);
      const label = named ? `${named[2]} (${named[1]!.toUpperCase()})` : provider;
      const note = exists ? undefined : iamProvider ? 'no such identity provider in keysmith' : 'not a provider keysmith knows';
      this.edge(
        this.node({ id: `federated:${provider}`, kind: 'federated', label, arn: iamProvider ? provider : undefined, note }),
        to,
        action,
        r,
      );
    }
    // Delegation to whole accounts: any principal of the account whose own policies allow it.
    for (const account of named.accounts) {
      const r = decideLink(this.compile, this.anyPrincipalOf(account), role, 'sts:AssumeRole');
      if (!r) continue;
      const held = this.held.has(account);
      this.edge(
        this.node({ id: `account:${account}`, kind: 'account', label: `Account ${account}`, accountId: account }),
        to,
        'sts:AssumeRole',
        r,
        held
          ? 'any principal of the account whose own policies allow sts:AssumeRole on the role'
          : 'an account keysmith does not hold: its principals need their own permission',
      );
    }
    if (named.anyone) {
      const r = decideLink(this.compile, this.anyPrincipalOf(this.outsideAccount()), role, 'sts:AssumeRole');
      if (r)
        this.edge(this.node({ id: 'anyone', kind: 'anyone', label: 'Anyone (*)' }), to, 'sts:AssumeRole', r, 'the trust policy names "*"');
    }
    // Principals named by ARN that keysmith does not hold: the trust side only.
    for (const arn of named.arns) {
      const m = /^arn:[^:]+:(iam|sts)::(\d{12}):(user|role|assumed-role)\/(.+)$/.exec(arn);
      if (!m || this.entities.some((e) => e.arn === arn)) continue;
      if (
        m[3] === 'assumed-role' &&
        this.entities.some((e) => e.kind === 'role' && arn.startsWith(`arn:aws:sts::${e.accountId}:assumed-role/${e.name}/`))
      )
        continue;
      const account = m[2]!;
      const principal: RequestPrincipal =
        m[3] === 'user'
          ? { type: 'User', arn, accountId: account }
          : m[3] === 'role'
            ? {
                type: 'AssumedRole',
                arn: `arn:aws:sts::${account}:assumed-role/${m[4]!.split('/').pop()}/${SESSION}`,
                accountId: account,
                roleArn: arn,
              }
            : { type: 'AssumedRole', arn, accountId: account };
      const r = decideLink(
        this.compile,
        { principal, source: 'role-session', identity: [{ id: 'any', label: 'its own policies (unknown)', document: ALLOW_ASSUME }] },
        role,
        'sts:AssumeRole',
      );
      if (!r) continue;
      this.edge(
        this.node({ id: arn, kind: 'external', label: arn.slice(arn.indexOf('/') + 1), arn, accountId: account }),
        to,
        'sts:AssumeRole',
        { ...r, identity: [] },
        this.held.has(account) ? 'no such principal in keysmith' : 'held by no account of keysmith: its own policies are unknown',
      );
    }
    return found;
  }

  /** A stand-in for "some principal of the account, allowed by its own policies". */
  private anyPrincipalOf(account: string): Caller {
    return {
      principal: { type: 'User', arn: `arn:aws:iam::${account}:user/keysmith-analysis/any-principal`, accountId: account },
      source: 'role-session',
      identity: [{ id: 'any', label: 'its own policies', document: ALLOW_ASSUME }],
    };
  }

  private outsideAccount(): string {
    for (let n = 999999999999; ; n--) if (!this.held.has(String(n))) return String(n);
  }

  private graph(subject: string, direction: AccessGraph['direction']): AccessGraph {
    const { paths, truncated } = this.paths(subject, direction);
    return {
      subject,
      direction,
      nodes: [...this.nodes.values()],
      edges: this.edges,
      paths,
      truncated,
    };
  }

  /** Simple paths (no node twice) ending at the role, or starting at the principal, up to maxDepth links. */
  private paths(subject: string, direction: AccessGraph['direction']): { paths: AccessPath[]; truncated: boolean } {
    const out: AccessPath[] = [];
    let truncated = false;
    const byId = new Map(this.edges.map((e) => [e.id, e]));
    const walk = (at: string, seen: Set<string>, trail: AccessEdge[]): void => {
      const next = this.edges.filter((e) => (direction === 'who-can-assume' ? e.to === at : e.from === at));
      for (const e of next) {
        const other = direction === 'who-can-assume' ? e.from : e.to;
        if (seen.has(other)) continue;
        if (out.length >= this.maxPaths) {
          truncated = true;
          return;
        }
        const path = direction === 'who-can-assume' ? [e, ...trail] : [...trail, e];
        out.push({
          edges: path.map((p) => p.id),
          status: path.every((p) => byId.get(p.id)?.status === 'allowed') ? 'allowed' : 'conditional',
        });
        if (path.length < this.maxDepth) walk(other, new Set([...seen, other]), path);
      }
    };
    walk(subject, new Set([subject]), []);
    out.sort((a, b) => a.edges.length - b.edges.length);
    return { paths: out, truncated };
  }
}
