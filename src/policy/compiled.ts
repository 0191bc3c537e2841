import type { ActionSpec } from './action.js';
import type { ArnPattern } from './arn-pattern.js';
import type { CompiledCondition } from './conditions/condition.js';
import type { SourceRange } from './json.js';
import { serviceId } from './service-ids.js';
import type { PrincipalSpec } from './principal.js';
import type { PolicyKind, PolicyVersion } from './types.js';

/**
 * The compiled form of a policy: parsed and checked once (at write or first load), then
 * evaluated many times with no re-parsing. Treat it as opaque outside src/policy/.
 */
export interface CompiledPolicy {
  readonly kind: PolicyKind;
  /** Null when the document has no Version (the 2008-10-17 rules apply). */
  readonly version: PolicyVersion | null;
  readonly id: string | undefined;
  readonly statements: readonly CompiledStatement[];
  /** Allow statements by lowercased service prefix (see ActionIndex). */
  readonly allow: ActionIndex;
  readonly deny: ActionIndex;
  /** The policy text as given. */
  readonly text: string;
}

/**
 * Statements that can match an action of a given service, in document order. `byService` holds,
 * for each service named in an Action, its statements plus every statement that could match any
 * service (`"Action": "*"`, NotAction); `other` holds only the latter, for services no Action
 * names. A decision therefore never scans a statement that cannot match its action.
 */
export class ActionIndex {
  constructor(
    /** Indexed by service id (service-ids.ts). */
    private readonly byService: readonly (readonly CompiledStatement[] | undefined)[],
    private readonly other: readonly CompiledStatement[],
  ) {}

  /** Candidates for a service id (-1: a service no policy names). */
  candidates(service: number): readonly CompiledStatement[] {
    return service < 0 ? this.other : (this.byService[service] ?? this.other);
  }

  static build(statements: readonly CompiledStatement[]): ActionIndex {
    const services = new Set<string>();
    for (const s of statements) if (!s.notAction && !s.action.all) for (const svc of s.action.byService.keys()) services.add(svc);
    const other = statements.filter((s) => s.notAction || s.action.all);
    const byService: (readonly CompiledStatement[] | undefined)[] = [];
    for (const svc of services) {
      byService[serviceId(svc)] = statements.filter((s) => s.notAction || s.action.all || s.action.byService.has(svc));
    }
    return new ActionIndex(byService, other);
  }
}

export interface CompiledStatement {
  readonly index: number;
  readonly sid: string | undefined;
  readonly effect: 'Allow' | 'Deny';
  readonly range: SourceRange | undefined;
  readonly action: ActionSpec;
  readonly notAction: boolean;
  /** Null when the statement has no Resource/NotResource (resource-based policies: the attached resource). */
  readonly resources: readonly ArnPattern[] | null;
  readonly notResource: boolean;
  /** Null in identity-type policies, where the caller is implicitly the principal. */
  readonly principal: PrincipalSpec | null;
  readonly notPrincipal: boolean;
  readonly conditions: readonly CompiledCondition[];
  /** Every condition key and variable key the statement reads (as first written), for reporting. */
  readonly contextKeys: readonly string[];
}
