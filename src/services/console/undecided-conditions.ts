/**
 * The access analysis (access-analysis.ts) asks "could this principal assume that role?" without a
 * request: nothing says whether the caller will have MFA, which ExternalId, source IP, session
 * name or tags it will send. Such condition keys are *undecided*. Rather than guessing their values
 * — or evaluating policies itself — the analysis rewrites each policy twice and lets the real engine
 * evaluate both:
 *
 * - the **pessimistic** copy: an Allow that reads an undecided key never applies; a Deny applies
 *   whenever its decided conditions hold (its undecided ones are dropped);
 * - the **optimistic** copy: an Allow applies whenever its decided conditions hold; a Deny that
 *   reads an undecided key never applies.
 *
 * Allowed pessimistically: allowed whatever the request says. Allowed only optimistically:
 * *conditional*, on the undecided keys of the statements involved. Denied optimistically: never.
 * Statements keep their place (a statement that must never apply gets a condition that is never
 * true), so indexes and Sids reported by the engine are the policy's own.
 */

/** Which keys the analysis knows the value of, for the kind of caller of one link. */
export type SourceClass = 'user' | 'role-session' | 'service' | 'federated';

/** Keys the principal alone decides, whoever it is. */
const ALWAYS = new Set([
  'aws:principalarn',
  'aws:principalaccount',
  'aws:principaltype',
  'aws:principalisawsservice',
  'aws:principalservicename',
  'aws:resourceaccount',
]);

/**
 * Whether the analysis knows the key's value for a caller of this class. An IAM user's name, id
 * and tags are known; a role session's id holds the session name and its tags may be overridden by
 * session tags, so they are not. The role's own tags (aws:ResourceTag/…, as AssumeRole sets them)
 * are known unless a calling role session could replace them with transitive session tags.
 */
export function isDecided(key: string, source: SourceClass): boolean {
  const k = key.toLowerCase();
  if (ALWAYS.has(k)) return true;
  if (source === 'user' && (k === 'aws:username' || k === 'aws:userid' || k.startsWith('aws:principaltag/'))) return true;
  if (source !== 'role-session' && (k.startsWith('aws:resourcetag/') || k.startsWith('iam:resourcetag/'))) return true;
  return false;
}

/** A condition that is never true: the key is never in any request context. */
const NEVER = { Null: { 'keysmith:AnalysisNeverMatches': 'false' } };

export interface Rewritten {
  pessimistic: string;
  optimistic: string;
  /** Statement index → the undecided condition keys it reads (as written), for statements that read any. */
  undecided: Map<number, string[]>;
}

const cache = new Map<string, Rewritten>();

/** The two copies of a policy text for a caller class (cached by class and text). */
export function rewrite(text: string, source: SourceClass): Rewritten {
  const key = `${source}\u0000${text}`;
  let found = cache.get(key);
  if (found === undefined) {
    found = build(text, source);
    if (cache.size > 5000) cache.clear();
    cache.set(key, found);
  }
  return found;
}

function build(text: string, source: SourceClass): Rewritten {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { pessimistic: text, optimistic: text, undecided: new Map() };
  }
  const raw = doc.Statement;
  const statements = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const undecided = new Map<number, string[]>();
  const pessimistic: unknown[] = [];
  const optimistic: unknown[] = [];
  statements.forEach((st, index) => {
    if (!st || typeof st !== 'object') {
      pessimistic.push(st);
      optimistic.push(st);
      return;
    }
    const statement = st as Record<string, unknown>;
    const split = splitCondition(statement.Condition, source);
    if (split.undecided.length === 0) {
      pessimistic.push(statement);
      optimistic.push(statement);
      return;
    }
    undecided.set(index, split.undecided);
    const relaxed = withCondition(statement, split.decided);
    const never = withCondition(statement, NEVER);
    const isDeny = statement.Effect === 'Deny';
    pessimistic.push(isDeny ? relaxed : never);
    optimistic.push(isDeny ? never : relaxed);
  });
  if (undecided.size === 0) return { pessimistic: text, optimistic: text, undecided };
  const copy = (list: unknown[]) => JSON.stringify({ ...doc, Statement: Array.isArray(raw) ? list : list[0] });
  return { pessimistic: copy(pessimistic), optimistic: copy(optimistic), undecided };
}

/** The condition block without its undecided keys, and those keys. */
function splitCondition(condition: unknown, source: SourceClass): { decided: Record<string, unknown> | undefined; undecided: string[] } {
  if (!condition || typeof condition !== 'object' || Array.isArray(condition)) return { decided: undefined, undecided: [] };
  const decided: Record<string, unknown> = {};
  const keys: string[] = [];
  for (const [operator, block] of Object.entries(condition as Record<string, unknown>)) {
    if (!block || typeof block !== 'object' || Array.isArray(block)) {
      decided[operator] = block;
      continue;
    }
    const kept: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(block as Record<string, unknown>)) {
      if (isDecided(k, source)) kept[k] = v;
      else if (!keys.includes(k)) keys.push(k);
    }
    if (Object.keys(kept).length > 0) decided[operator] = kept;
  }
  return { decided: Object.keys(decided).length > 0 ? decided : undefined, undecided: keys };
}

function withCondition(statement: Record<string, unknown>, condition: Record<string, unknown> | undefined): Record<string, unknown> {
  const { Condition: _dropped, ...rest } = statement;
  return condition === undefined ? rest : { ...rest, Condition: condition };
}
