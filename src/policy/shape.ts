import { isJsonObject, JsonNumber, type JsonObject, type JsonValue, type ParsedJson, type SourceRange } from './json.js';
import { resolveOperator, type ResolvedOperator } from './conditions/registry.js';

/**
 * Stage 1 of validation: the document's grammar and types. Anything wrong here is AWS's
 * `Syntax errors in policy.`; nothing later runs on a document that fails this stage. The
 * result is a typed view of the document that the later stages and the compiler read.
 */

export type PrincipalElement = '*' | Record<string, string[]>;

export interface ConditionEntry {
  keyName: string;
  values: string[];
}

export interface ConditionBlock {
  operator: string;
  /** Undefined for an unknown operator with an empty block (accepted, imposes nothing). */
  resolved: ResolvedOperator | undefined;
  entries: ConditionEntry[];
}

export interface ShapedStatement {
  index: number;
  range: SourceRange | undefined;
  has: (element: string) => boolean;
  sid: string | undefined;
  effect: string;
  action: string[] | undefined;
  notAction: string[] | undefined;
  resource: string[] | undefined;
  notResource: string[] | undefined;
  principal: PrincipalElement | undefined;
  notPrincipal: PrincipalElement | undefined;
  conditions: ConditionBlock[];
}

export interface ShapedPolicy {
  version: string | undefined;
  id: string | undefined;
  statements: ShapedStatement[];
}

const TOP = new Set(['Version', 'Id', 'Statement']);
const VERSIONS = new Set(['2012-10-17', '2008-10-17']);
const ELEMENTS = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
const PRINCIPAL_TYPES = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);

class Bad extends Error {}
const bad = (why: string): never => {
  throw new Bad(why);
};

/** The typed view, or the reason the grammar check failed. */
export function shapePolicy(parsed: ParsedJson): ShapedPolicy | { error: string } {
  try {
    return shape(parsed);
  } catch (e) {
    if (e instanceof Bad) return { error: e.message };
    throw e;
  }
}

function shape({ value, ranges }: ParsedJson): ShapedPolicy {
  if (!isJsonObject(value)) bad('the document is not a JSON object');
  const doc = value as JsonObject;
  for (const k of Object.keys(doc)) if (!TOP.has(k)) bad(`unknown top-level element ${k}`);
  const version = doc['Version'];
  if (version !== undefined && (typeof version !== 'string' || !VERSIONS.has(version))) bad('unknown Version');
  const id = doc['Id'];
  if (id !== undefined && typeof id !== 'string') bad('Id is not a string');
  const st = doc['Statement'];
  if (st === undefined) bad('no Statement');
  let list: JsonValue[];
  if (Array.isArray(st)) list = st;
  else if (isJsonObject(st)) list = [st];
  else return bad('Statement is neither an object nor an array');
  if (list.length === 0) bad('Statement is empty');
  const statements = list.map((s, index) => shapeStatement(s, index, ranges));
  return { version: version as string | undefined, id: id as string | undefined, statements };
}

function shapeStatement(value: JsonValue, index: number, ranges: ParsedJson['ranges']): ShapedStatement {
  if (!isJsonObject(value)) return bad(`statement ${index} is not an object`);
  const s = value;
  for (const k of Object.keys(s)) if (!ELEMENTS.has(k)) bad(`unknown element ${k} in statement ${index}`);
  const has = (k: string) => Object.prototype.hasOwnProperty.call(s, k);
  if (has('Action') && has('NotAction')) bad('both Action and NotAction');
  // A null Resource or NotResource is read as absent (keysmith's choice, docs/iam/settings-organizations-delegation.md): an
  // identity policy then fails with `Policy statement must contain resources.`.
  const given = (k: string) => has(k) && s[k] !== null;
  if (given('Resource') && given('NotResource')) bad('both Resource and NotResource');
  if (has('Principal') && has('NotPrincipal')) bad('both Principal and NotPrincipal');
  const effect = s['Effect'];
  if (typeof effect !== 'string' || !['allow', 'deny'].includes(effect.toLowerCase())) bad('Effect must be Allow or Deny');
  const sid = s['Sid'];
  if (sid !== undefined && typeof sid !== 'string') bad('Sid is not a string');
  return {
    index,
    range: ranges.get(s),
    has,
    sid: sid as string | undefined,
    effect: effect as string,
    action: stringList(s, 'Action'),
    notAction: stringList(s, 'NotAction'),
    resource: stringList(s, 'Resource'),
    notResource: stringList(s, 'NotResource'),
    principal: principalElement(s['Principal']),
    notPrincipal: principalElement(s['NotPrincipal']),
    conditions: conditionBlocks(s['Condition']),
  };
}

function stringList(s: JsonObject, key: string): string[] | undefined {
  const v = s[key];
  if (v === undefined || (v === null && (key === 'Resource' || key === 'NotResource'))) return undefined;
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v)) return bad(`${key} must be a string or a list of strings`);
  return v.map((x) => (typeof x === 'string' ? x : bad(`${key} must be a string or a list of strings`)));
}

function principalElement(v: JsonValue | undefined): PrincipalElement | undefined {
  if (v === undefined) return undefined;
  if (v === '*') return '*';
  if (!isJsonObject(v)) return bad('Principal must be "*" or an object');
  const out: Record<string, string[]> = {};
  const keys = Object.keys(v);
  if (keys.length === 0) bad('Principal is empty');
  for (const k of keys) {
    if (!PRINCIPAL_TYPES.has(k)) bad(`unknown principal type ${k}`);
    const x = v[k];
    if (typeof x === 'string') out[k] = [x];
    else if (Array.isArray(x) && x.length > 0) out[k] = x.map((y) => (typeof y === 'string' ? y : bad('principal values are strings')));
    else bad('principal values are strings');
  }
  return out;
}

function conditionBlocks(v: JsonValue | undefined): ConditionBlock[] {
  if (v === undefined) return [];
  if (!isJsonObject(v)) return bad('Condition must be an object');
  const blocks: ConditionBlock[] = [];
  for (const operator of Object.keys(v)) {
    const body = v[operator];
    if (!isJsonObject(body)) return bad('a condition operator block must be an object');
    const entries: ConditionEntry[] = [];
    for (const keyName of Object.keys(body)) entries.push({ keyName, values: conditionValues(body[keyName]!) });
    const resolved = resolveOperator(operator);
    // An unknown operator is refused unless its block is empty (IAM accepts `"Foo": {}`).
    if (!resolved && entries.length > 0) bad(`unknown condition operator ${operator}`);
    blocks.push({ operator, resolved, entries });
  }
  return blocks;
}

/** Quotation marks are optional for numbers and booleans: `3600` and `true` are valid values. */
function conditionValues(v: JsonValue): string[] {
  const one = (x: JsonValue): string => {
    if (typeof x === 'string') return x;
    if (typeof x === 'boolean') return String(x);
    if (x instanceof JsonNumber) return x.raw;
    return bad('a condition value must be a string, number or boolean');
  };
  return Array.isArray(v) ? v.map(one) : [one(v)];
}
