import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { EnvelopeError, openEnvelope, sealEnvelope } from '../../../tokens/sealed-envelope.js';
import { entityIdOf, type Principal } from '../../../model/principal.js';
import type { ContextValue, Decision, MatchedStatement } from '../../../policy/index.js';
import type { TokenKeyRing } from '../../../tokens/key-ring.js';
import type { TokenKeys } from '../../../tokens/token-keys.js';

/**
 * The encoded authorization message that goes with a denial: the JSON AWS documents for
 * DecodeAuthorizationMessage (`allowed`, `explicitDeny`, `matchedStatements`, `failures`,
 * `context {principal, action, resource, conditions}`), plus keysmith's own `layer`, `reason`
 * and `missingContextKeys`. It is sealed like a session token (AES-256-GCM under the token key
 * ring's active key), but with its own version byte and associated data, so neither can pass for
 * the other, and it is bound to the caller's account: only that account can decode it.
 */
export interface AuthorizationMessage {
  allowed: boolean;
  explicitDeny: boolean;
  matchedStatements: { items: MatchedStatementView[] };
  failures: { items: FailureView[] };
  context: {
    principal: { id: string; name?: string; arn: string };
    action: string;
    resource: string;
    conditions: { items: ConditionView[] };
  };
  /** keysmith: the policy layer that decided (identity, boundary, session, resource, …). */
  layer: string;
  /** keysmith: AWS's phrasing of why (`because no identity-based policy allows …`). */
  reason: string;
  /** keysmith: condition keys applicable statements test that the request did not carry. */
  missingContextKeys: string[];
  /** keysmith: set when lists were shortened to keep the message under AWS's 10,240 characters. */
  truncated?: boolean;
}

interface ItemList<T> {
  items: T[];
}

export interface MatchedStatementView {
  statementId: string;
  effect: 'ALLOW' | 'DENY';
  principals: ItemList<{ value: string }>;
  principalGroups: ItemList<{ value: string }>;
  actions: ItemList<{ value: string }>;
  resources: ItemList<{ value: string }>;
  conditions: ItemList<ConditionView>;
  /** keysmith: where the statement lives. */
  layer: string;
  policyId: string;
  policyVersion?: string;
  statementIndex: number;
}

export interface FailureView {
  statementId: string;
  effect: 'ALLOW' | 'DENY';
  layer: string;
  policyId: string;
  statementIndex: number;
  /** The element that did not match: action, resource, principal or condition. */
  outcome: string;
  failedCondition?: string;
}

export interface ConditionView {
  key: string;
  values: ItemList<{ value: string }>;
}

/** DecodeAuthorizationMessage's EncodedMessage is at most 10,240 characters. */
export const MAX_ENCODED_LENGTH = 10240;
/** The sealed envelope's version byte for these messages, and the domain bound into their AAD. */
const VERSION = 0x61;
const DOMAIN = Buffer.from('keysmith authorization message v1');

export class AuthorizationMessageError extends Error {}

/** AuthorizationMessageError texts by envelope fault (`unknownKey` lets the caller reload the ring). */
const FAULT_TEXT = {
  malformed: 'malformed authorization message',
  unknownKey: 'unknownKey',
  authentication: 'authorization message failed authentication',
} as const;

/**
 * What the pipeline calls on every AccessDenied: build, seal and return the text for the
 * response header. Pass a decision evaluated with `trace: true` to fill `failures` and
 * `missingContextKeys` (without a trace they are empty). `context` is the request's condition keys.
 */
export function encodeAuthorizationMessage(
  decision: Decision,
  principal: Principal,
  action: string,
  resource: string,
  context: Readonly<Record<string, ContextValue>>,
  tokenKeys: TokenKeys,
): string {
  return sealAuthorizationMessage(
    buildAuthorizationMessage(decision, principal, action, resource, context),
    principal.accountId,
    tokenKeys.current,
  );
}

export function buildAuthorizationMessage(
  decision: Decision,
  principal: Principal,
  action: string,
  resource: string,
  context: Readonly<Record<string, ContextValue>>,
): AuthorizationMessage {
  const statementView = (m: MatchedStatement): MatchedStatementView => ({
    statementId: m.sid ?? '',
    effect: m.effect === 'Allow' ? 'ALLOW' : 'DENY',
    principals: { items: [{ value: entityIdOf(principal) ?? principal.userId }] },
    principalGroups: { items: [] },
    actions: { items: [{ value: action }] },
    resources: { items: [{ value: resource }] },
    conditions: { items: [] },
    layer: m.layer,
    policyId: m.policyId,
    ...(m.version !== undefined ? { policyVersion: m.version } : {}),
    statementIndex: m.statementIndex,
  });
  const failures: FailureView[] = (decision.trace?.statements ?? [])
    .filter((s) => s.outcome !== 'applies')
    .map((s) => ({
      statementId: s.sid ?? '',
      effect: s.effect === 'Allow' ? 'ALLOW' : 'DENY',
      layer: s.layer,
      policyId: s.policyId,
      statementIndex: s.statementIndex,
      outcome: s.outcome,
      ...(s.failedCondition !== undefined ? { failedCondition: s.failedCondition } : {}),
    }));
  const conditions: ConditionView[] = Object.keys(context)
    .sort()
    .map((key) => {
      const v = context[key]!;
      return { key, values: { items: (typeof v === 'string' ? [v] : [...v]).map((value) => ({ value })) } };
    });
  return {
    allowed: decision.decision === 'allowed',
    explicitDeny: decision.decision === 'explicitDeny',
    matchedStatements: { items: decision.matched.map(statementView) },
    failures: { items: failures },
    context: {
      principal: { id: principal.userId, ...principalName(principal), arn: principal.arn },
      action,
      resource,
      conditions: { items: conditions },
    },
    layer: decision.layer,
    reason: decision.reason,
    missingContextKeys: [...(decision.missingContextKeys ?? [])],
  };
}

function principalName(p: Principal): { name?: string } {
  const name = p.type === 'User' ? p.userName : p.type === 'Root' ? undefined : p.session.sessionName;
  return name === undefined ? {} : { name };
}

/**
 * Seals the message for `accountId`. Lists are halved (conditions first, then failures, then
 * matched statements) until the sealed text fits AWS's 10,240-character EncodedMessage limit.
 */
export function sealAuthorizationMessage(message: AuthorizationMessage, accountId: string, ring: TokenKeyRing): string {
  let current = message;
  for (;;) {
    const sealed = seal(JSON.stringify({ a: accountId, m: current }), ring);
    if (sealed.length <= MAX_ENCODED_LENGTH) return sealed;
    const next = shorten(current);
    if (next === undefined) throw new Error('authorization message cannot be made small enough');
    current = next;
  }
}

function shorten(m: AuthorizationMessage): AuthorizationMessage | undefined {
  const half = <T>(items: T[]) => items.slice(0, Math.floor(items.length / 2));
  if (m.context.conditions.items.length > 0) {
    return { ...m, truncated: true, context: { ...m.context, conditions: { items: half(m.context.conditions.items) } } };
  }
  if (m.failures.items.length > 0) return { ...m, truncated: true, failures: { items: half(m.failures.items) } };
  if (m.matchedStatements.items.length > 0) return { ...m, truncated: true, matchedStatements: { items: half(m.matchedStatements.items) } };
  if (m.missingContextKeys.length > 0) return { ...m, truncated: true, missingContextKeys: half(m.missingContextKeys) };
  return undefined;
}

function seal(plaintext: string, ring: TokenKeyRing): string {
  return sealEnvelope(VERSION, deflateRawSync(plaintext), ring, DOMAIN);
}

/**
 * Opens a sealed message; throws AuthorizationMessageError for anything that is not an intact
 * message sealed by a key in the ring. A key the ring lacks is reported as `unknownKey`, so the
 * caller can reload the ring once (another node may have rotated it) and try again.
 */
export function openAuthorizationMessage(encoded: string, ring: TokenKeyRing): { accountId: string; message: AuthorizationMessage } {
  let plain: Buffer;
  try {
    plain = openEnvelope(encoded, ring, (v) => v === VERSION, DOMAIN).plaintext;
  } catch (error) {
    if (error instanceof EnvelopeError) throw new AuthorizationMessageError(FAULT_TEXT[error.fault]);
    throw error;
  }
  try {
    const { a, m } = JSON.parse(inflateRawSync(plain).toString('utf8')) as { a: string; m: AuthorizationMessage };
    return { accountId: a, message: m };
  } catch {
    throw new AuthorizationMessageError('authorization message does not parse');
  }
}
