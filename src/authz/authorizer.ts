import { AwsError } from '../errors/aws-error.js';
import type { Principal } from '../model/principal.js';
import { type Decision, evaluate, type PolicyRef, type PolicySet } from '../policy/index.js';
import type { Store } from '../storage/store.js';
import { gatherIdentityPolicies } from './gather-identity-policies.js';
import type { PolicyCompiler } from './policy-cache.js';

/**
 * The one place where policy evaluation meets storage: gather the caller's policies (compiled,
 * cached per principal until the next IAM write), evaluate, and turn a denial into AWS's
 * AccessDenied text.
 */
export class Authorizer {
  private readonly sets = new Map<string, PolicySet>();

  constructor(
    private readonly store: Store,
    private readonly compiler: PolicyCompiler,
  ) {}

  invalidate(): void {
    this.sets.clear();
  }

  async decide(principal: Principal, action: string, resource: string, context: Record<string, string | string[]>): Promise<Decision> {
    const policies = await this.policySet(principal);
    return evaluate(
      {
        principal: { arn: principal.arn, accountId: principal.accountId, type: principal.type, userId: principal.userId },
        action,
        resource,
        context,
      },
      policies,
    );
  }

  /** Throws AccessDenied unless the decision is allowed. */
  async authorize(principal: Principal, action: string, resource: string, context: Record<string, string | string[]>): Promise<Decision> {
    const decision = await this.decide(principal, action, resource, context);
    if (decision.decision !== 'allowed') throw accessDenied(principal, action, resource, decision);
    return decision;
  }

  private async policySet(principal: Principal): Promise<PolicySet> {
    const key = principal.entityId ?? principal.arn;
    let set = this.sets.get(key);
    if (set === undefined) {
      const gathered = await gatherIdentityPolicies(this.store, principal);
      const ref = (p: { id: string; version?: string; document: string }, kind: 'identity' | 'boundary'): PolicyRef => ({
        id: p.id,
        version: p.version,
        policy: this.compiler.compile(p.document, kind),
      });
      set = {
        identity: gathered.identity.map((p) => ref(p, 'identity')),
        boundary: gathered.boundary ? [ref(gathered.boundary, 'boundary')] : undefined,
      };
      this.sets.set(key, set);
    }
    return set;
  }
}

/**
 * AWS's AccessDenied wording: "User: <arn> is not authorized to perform: <action> on resource:
 * <resource>", followed by the reason AWS gives in its newer messages (the engine words it).
 */
export function accessDenied(principal: Principal, action: string, resource: string, decision: Decision): AwsError {
  const base = `User: ${principal.arn} is not authorized to perform: ${action} on resource: ${resource}`;
  return new AwsError('AccessDenied', decision.reason ? `${base} ${decision.reason}` : base);
}
