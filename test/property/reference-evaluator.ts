/**
 * A deliberately naive policy evaluator, written straight from the AWS documentation's flow
 * (policy-semantics.md §5.6 pseudocode) and sharing no code with src/policy/: it reads the raw
 * JSON documents on every call, turns wildcards into regular expressions, scans every statement
 * of every policy, and decides with the documented if-chain. It exists to be compared with the
 * optimised engine, never to be fast.
 *
 * It covers the String, Numeric, Date, Bool, Null, Arn and IPv4 IpAddress operators with every
 * qualifier, variables, all principal forms and every layer. For anything else it throws
 * `Unsupported`, and the caller skips the comparison.
 */

export class Unsupported extends Error {}

export type RefDecision = 'allowed' | 'explicitDeny' | 'implicitDeny';

export interface RefPrincipal {
  type: string;
  arn: string;
  accountId: string;
  userId?: string;
  roleArn?: string;
  sourceUserArn?: string;
  service?: string;
  federatedProvider?: string;
  canonicalUserId?: string;
}

export interface RefRequest {
  principal: RefPrincipal;
  action: string;
  resource: string;
  resourceAccount?: string;
  context: Record<string, string | readonly string[]>;
}

type Doc = any; // raw policy JSON, as written

export interface RefPolicies {
  identity: Doc[];
  resource?: Doc;
  resourceIsTrust?: boolean;
  boundary?: Doc[];
  session?: Doc[];
  scps?: Doc[][];
  rcps?: Doc[][];
}

const list = (v: unknown): any[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Replace policy variables (2012-10-17 only); null when one cannot be resolved. Text comes back with wildcards marked. */
function substitute(
  text: string,
  version: string | undefined,
  ctx: RefRequest['context'],
): { parts: { wild: boolean; text: string }[] } | null {
  const parts: { wild: boolean; text: string }[] = [];
  let i = 0;
  while (i < text.length) {
    if (version === '2012-10-17' && text.startsWith('${', i)) {
      const end = text.indexOf('}', i);
      if (end > 0) {
        const inner = text.slice(i + 2, end);
        if (inner === '*' || inner === '?' || inner === '$') {
          parts.push({ wild: false, text: inner });
          i = end + 1;
          continue;
        }
        const m = /^\s*([^,}'\s][^,}']*?)\s*(?:,\s*'([^']*)'\s*)?$/.exec(inner);
        if (m) {
          const v = lookup(ctx, m[1]!);
          const value = typeof v === 'string' ? v : m[2];
          if (value === undefined) return null;
          parts.push({ wild: false, text: value });
          i = end + 1;
          continue;
        }
      }
    }
    const c = text[i]!;
    parts.push({ wild: c === '*' || c === '?', text: c });
    i++;
  }
  return { parts };
}

function toRegexBody(parts: { wild: boolean; text: string }[], wildcards: boolean): string {
  return parts.map((p) => (wildcards && p.wild ? (p.text === '*' ? '[\\s\\S]*' : '[\\s\\S]') : escapeRegex(p.text))).join('');
}

function lookup(ctx: RefRequest['context'], key: string): string | readonly string[] | undefined {
  const found: string[] = [];
  let single: string | readonly string[] | undefined;
  let count = 0;
  for (const [k, v] of Object.entries(ctx)) {
    if (k.toLowerCase() === key.toLowerCase()) {
      count++;
      single = v;
      found.push(...(typeof v === 'string' ? [v] : v));
    }
  }
  return count > 1 ? found : single;
}

function actionMatches(pattern: string, action: string): boolean {
  if (pattern === '*') return true;
  const [ps, pn] = [pattern.slice(0, pattern.indexOf(':')), pattern.slice(pattern.indexOf(':') + 1)];
  const [as, an] = [action.slice(0, action.indexOf(':')), action.slice(action.indexOf(':') + 1)];
  if (ps.toLowerCase() !== as.toLowerCase()) return false;
  const body = pn
    .split('')
    .map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : escapeRegex(c)))
    .join('');
  return new RegExp(`^${body}$`, 'i').test(an);
}

/** Resource / ARN matching per the Resource element page: six parts, wildcards inside a part, a trailing * of a shorter pattern runs on. */
function arnMatches(
  pattern: string,
  subject: string,
  version: string | undefined,
  ctx: RefRequest['context'],
  varsEverywhere: boolean,
): boolean {
  if (pattern === '*') return true;
  const splitSix = (s: string): string[] => {
    const parts = s.split(':');
    return parts.length > 6 ? [...parts.slice(0, 5), parts.slice(5).join(':')] : parts;
  };
  // Split the pattern on colons outside ${...}.
  const pparts: string[] = [];
  let cur = '';
  for (let i = 0; i < pattern.length; i++) {
    if (pattern.startsWith('${', i) && pattern.indexOf('}', i) > 0) {
      const end = pattern.indexOf('}', i);
      cur += pattern.slice(i, end + 1);
      i = end;
      continue;
    }
    if (pattern[i] === ':' && pparts.length < 5) {
      pparts.push(cur);
      cur = '';
    } else cur += pattern[i];
  }
  pparts.push(cur);
  const sparts = splitSix(subject);
  const partRegex = (p: string, idx: number): RegExp | null => {
    const sub = substitute(p, varsEverywhere || idx >= 5 ? version : undefined, ctx);
    if (!sub) return null;
    return new RegExp(`^${toRegexBody(sub.parts, true)}$`);
  };
  const k = pparts.length;
  if (k < 6 && pparts[k - 1]!.endsWith('*')) {
    if (sparts.length < k) return false;
    for (let i = 0; i < k - 1; i++) {
      const r = partRegex(pparts[i]!, i);
      if (!r || !r.test(sparts[i]!)) return false;
    }
    const r = partRegex(pparts[k - 1]!, k - 1);
    return r !== null && r.test(sparts.slice(k - 1).join(':'));
  }
  if (sparts.length !== k) return false;
  for (let i = 0; i < k; i++) {
    const r = partRegex(pparts[i]!, i);
    if (!r || !r.test(sparts[i]!)) return false;
  }
  return true;
}

type PrincipalKind = 'direct' | 'role' | 'account';

function principalMatches(element: any, p: RefPrincipal): PrincipalKind | null {
  if (element === '*') return 'direct';
  let best: PrincipalKind | null = null;
  const take = (k: PrincipalKind) => {
    const rank = { account: 1, role: 2, direct: 3 };
    if (!best || rank[k] > rank[best]) best = k;
  };
  for (const v of list(element.AWS)) {
    if (v === '*') take('direct');
    else if (/^\d{12}$/.test(v) || /^arn:[^:]*:iam::\d{12}:root$/.test(v)) {
      const acct = /^\d{12}$/.test(v) ? v : v.split(':')[4];
      if (p.accountId !== '' && acct === p.accountId && !['Service', 'Federated', 'Anonymous'].includes(p.type)) take('account');
    } else if (v === p.arn && ['User', 'AssumedRole', 'FederatedUser'].includes(p.type)) take('direct');
    else if (p.type === 'AssumedRole' && (v === p.roleArn || (p.userId && v === p.userId.split(':')[0]))) take('role');
    else if (p.type === 'User' && p.userId === v) take('direct');
    else if (p.type === 'FederatedUser' && v === p.sourceUserArn) take('role');
  }
  for (const v of list(element.Service)) if (p.type === 'Service' && String(v).toLowerCase() === p.service?.toLowerCase()) take('direct');
  for (const v of list(element.Federated)) if (p.type === 'Federated' && v === p.federatedProvider) take('direct');
  for (const v of list(element.CanonicalUser)) if (p.canonicalUserId !== undefined && v === p.canonicalUserId) take('direct');
  return best;
}

/** NotPrincipal: exempt only if every identity in the caller's chain is listed. */
function notPrincipalExempts(element: any, p: RefPrincipal): boolean {
  if (element === '*') return true;
  const aws = list(element.AWS);
  if (aws.includes('*')) return true;
  const acct = aws.some((v) => v === p.accountId || v === `arn:aws:iam::${p.accountId}:root`) && p.accountId !== '';
  switch (p.type) {
    case 'Root':
    case 'Account':
      return acct || aws.includes(p.arn);
    case 'User':
      return acct && (aws.includes(p.arn) || (p.userId !== undefined && aws.includes(p.userId)));
    case 'AssumedRole':
      return acct && aws.includes(p.arn) && (aws.includes(p.roleArn) || (p.userId !== undefined && aws.includes(p.userId.split(':')[0])));
    case 'FederatedUser':
      return acct && aws.includes(p.arn);
    case 'Service':
      return list(element.Service).some((v) => String(v).toLowerCase() === p.service?.toLowerCase());
    case 'Federated':
      return list(element.Federated).includes(p.federatedProvider);
    default:
      return false;
  }
}

// ---- conditions -------------------------------------------------------------

function parseNum(s: string): number | undefined {
  return /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/.test(s) ? Number(s) : undefined;
}
function parseDate(s: string): number | undefined {
  if (!/[tT-]/.test(s)) return /^\d+(\.\d+)?$/.test(s.trim()) ? Number(s) * 1000 : undefined;
  if (!/^\d{4}(-\d{2}(-\d{2})?)?([tT]\d{2}(:\d{2}(:\d{2}(\.\d+)?)?)?)?([zZ]|[+-]\d{2}(:?\d{2})?)?$/.test(s)) return undefined;
  const withZone = /([zZ]|[+-]\d{2}(:?\d{2})?)$/.test(s) || !/[tT]/.test(s) ? s : `${s}Z`;
  const t = Date.parse(withZone.length === 4 ? `${withZone}-01-01` : withZone.length === 7 ? `${withZone}-01` : withZone);
  return Number.isNaN(t) ? undefined : t;
}
function parseIpv4(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s.trim());
  if (!m) return undefined;
  const o = m.slice(1).map(Number);
  if (o.some((x) => x > 255)) return undefined;
  return ((o[0]! << 24) | (o[1]! << 16) | (o[2]! << 8) | o[3]!) >>> 0;
}

/** Per-value positive comparison; undefined = request value not comparable. */
function compare(base: string, req: string, pol: string, version: string | undefined, ctx: RefRequest['context']): boolean | undefined {
  const vars = version === '2012-10-17';
  const resolved = (): string | null => {
    const s = substitute(pol, vars ? version : undefined, ctx);
    return s ? s.parts.map((p) => p.text).join('') : null;
  };
  switch (base) {
    case 'StringEquals':
    case 'StringNotEquals': {
      const v = resolved();
      return v !== null && v === req;
    }
    case 'StringEqualsIgnoreCase':
    case 'StringNotEqualsIgnoreCase': {
      const v = resolved();
      return v !== null && v.toLowerCase() === req.toLowerCase();
    }
    case 'StringLike':
    case 'StringNotLike': {
      const s = substitute(pol, vars ? version : undefined, ctx);
      return s !== null && new RegExp(`^${toRegexBody(s.parts, true)}$`).test(req);
    }
    case 'NumericEquals':
    case 'NumericNotEquals':
    case 'NumericLessThan':
    case 'NumericLessThanEquals':
    case 'NumericGreaterThan':
    case 'NumericGreaterThanEquals': {
      const a = parseNum(req);
      const b = parseNum(pol);
      if (a === undefined) return undefined;
      if (b === undefined) throw new Unsupported('bad number');
      return {
        NumericEquals: a === b,
        NumericNotEquals: a === b,
        NumericLessThan: a < b,
        NumericLessThanEquals: a <= b,
        NumericGreaterThan: a > b,
        NumericGreaterThanEquals: a >= b,
      }[base];
    }
    case 'DateEquals':
    case 'DateNotEquals':
    case 'DateLessThan':
    case 'DateLessThanEquals':
    case 'DateGreaterThan':
    case 'DateGreaterThanEquals': {
      const a = parseDate(req);
      const b = parseDate(pol);
      if (a === undefined) return undefined;
      if (b === undefined) throw new Unsupported('bad date');
      return {
        DateEquals: a === b,
        DateNotEquals: a === b,
        DateLessThan: a < b,
        DateLessThanEquals: a <= b,
        DateGreaterThan: a > b,
        DateGreaterThanEquals: a >= b,
      }[base];
    }
    case 'Bool': {
      const r = req.toLowerCase();
      if (r !== 'true' && r !== 'false') return undefined;
      const v = resolved();
      return v !== null && v.toLowerCase() === r;
    }
    case 'ArnEquals':
    case 'ArnLike':
    case 'ArnNotEquals':
    case 'ArnNotLike':
      return arnMatches(pol, req, vars ? version : undefined, ctx, true);
    case 'IpAddress':
    case 'NotIpAddress': {
      const ip = parseIpv4(req);
      const [addr, len] = pol.split('/');
      const net = parseIpv4(addr!);
      if (net === undefined) throw new Unsupported('IPv6');
      if (ip === undefined) {
        if (req.includes(':')) throw new Unsupported('IPv6');
        return undefined;
      }
      const bits = len === undefined ? 32 : Number(len);
      const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
      return (ip & mask) >>> 0 === (net & mask) >>> 0;
    }
    default:
      throw new Unsupported(base);
  }
}

const NEGATED = new Set([
  'StringNotEquals',
  'StringNotEqualsIgnoreCase',
  'StringNotLike',
  'NumericNotEquals',
  'DateNotEquals',
  'ArnNotEquals',
  'ArnNotLike',
  'NotIpAddress',
]);

function conditionHolds(
  operator: string,
  key: string,
  rawValues: unknown,
  version: string | undefined,
  ctx: RefRequest['context'],
): boolean {
  const values = list(rawValues).map(String);
  let op = operator;
  let qualifier = '';
  if (op.startsWith('ForAllValues:')) [qualifier, op] = ['all', op.slice(13)];
  else if (op.startsWith('ForAnyValue:')) [qualifier, op] = ['any', op.slice(12)];
  let ifExists = false;
  if (op.endsWith('IfExists')) [ifExists, op] = [true, op.slice(0, -8)];
  const v = lookup(ctx, key);
  if (op === 'Null') {
    const present = v !== undefined && (typeof v === 'string' || v.length > 0);
    return values.some((x) => (x.toLowerCase() === 'true' ? !present : present));
  }
  const negated = NEGATED.has(op);
  const anyMatch = (r: string): boolean | undefined => {
    let any = false;
    for (const p of values) {
      const c = compare(op, r, p, version, ctx);
      if (c === undefined) return undefined;
      if (c) any = true;
    }
    return any;
  };
  if (qualifier === '') {
    if (v === undefined) return ifExists || negated;
    if (typeof v !== 'string') return false;
    const m = anyMatch(v);
    return m === undefined ? false : negated ? !m : m;
  }
  if (v === undefined) return qualifier === 'all' ? true : ifExists;
  const items = typeof v === 'string' ? [v] : [...v];
  const results = items.map(anyMatch);
  if (results.some((r) => r === undefined)) return false;
  const passes = results.map((m) => (negated ? !m : m));
  return qualifier === 'all' ? passes.every(Boolean) : passes.some(Boolean);
}

// ---- statements and the flow --------------------------------------------------

interface Hit {
  effect: string;
  kind: PrincipalKind | 'implicit';
}

function matchingStatements(doc: Doc, req: RefRequest, isResourcePolicy: boolean, hasBoundary: boolean): Hit[] {
  const version: string | undefined = doc.Version;
  const hits: Hit[] = [];
  for (const s of list(doc.Statement)) {
    const actions = s.Action !== undefined ? list(s.Action) : list(s.NotAction);
    const actionHit = actions.some((a: string) => actionMatches(a, req.action));
    if (s.Action !== undefined ? !actionHit : actionHit) continue;
    if (s.Resource !== undefined || s.NotResource !== undefined) {
      const res = s.Resource !== undefined ? list(s.Resource) : list(s.NotResource);
      const hit = res.some((r: string) => arnMatches(r, req.resource, version, req.context, false));
      if (s.Resource !== undefined ? !hit : hit) continue;
    }
    let kind: PrincipalKind | 'implicit' = 'implicit';
    if (s.Principal !== undefined) {
      const k = principalMatches(s.Principal, req.principal);
      if (!k) continue;
      kind = k;
    } else if (s.NotPrincipal !== undefined) {
      const alwaysDenied = isResourcePolicy && s.Effect === 'Deny' && hasBoundary;
      if (!alwaysDenied && notPrincipalExempts(s.NotPrincipal, req.principal)) continue;
      kind = 'direct';
    }
    let ok = true;
    for (const [operator, block] of Object.entries(s.Condition ?? {})) {
      for (const [key, values] of Object.entries(block as object)) {
        if (!conditionHolds(operator, key, values, version, req.context)) ok = false;
      }
    }
    if (ok) hits.push({ effect: s.Effect, kind });
  }
  return hits;
}

export function referenceDecide(req: RefRequest, policies: RefPolicies): RefDecision {
  if (req.action.toLowerCase() === 'sts:getcalleridentity') return 'allowed';
  const p = req.principal;
  const hasBoundary = (policies.boundary ?? []).length > 0;
  const hasSession = (policies.session ?? []).length > 0;
  const hitsIn = (docs: Doc[], isResource = false) => docs.flatMap((d) => matchingStatements(d, req, isResource, hasBoundary));

  // Explicit deny anywhere.
  const everything = [
    ...(policies.scps ?? []).flatMap((level) => hitsIn(level)),
    ...(policies.rcps ?? []).flatMap((level) => hitsIn(level)),
    ...(policies.resource ? hitsIn([policies.resource], true) : []),
    ...hitsIn(policies.identity),
    ...hitsIn(policies.boundary ?? []),
    ...hitsIn(policies.session ?? []),
  ];
  if (everything.some((h) => h.effect === 'Deny')) return 'explicitDeny';

  const allows = (docs: Doc[], isResource = false) => hitsIn(docs, isResource).filter((h) => h.effect === 'Allow');
  for (const level of policies.rcps ?? []) if (allows(level).length === 0) return 'implicitDeny';
  for (const level of policies.scps ?? []) if (allows(level).length === 0) return 'implicitDeny';

  const rp = policies.resource ? allows([policies.resource], true).map((h) => h.kind) : [];
  const isRoot = p.type === 'Root' || p.type === 'Account';
  const id = isRoot || allows(policies.identity).length > 0;
  const pb = !hasBoundary || allows(policies.boundary!).length > 0;
  const sp = hasSession ? allows(policies.session!).length > 0 : p.type !== 'FederatedUser';
  const crossAccount = req.resourceAccount !== undefined && p.accountId !== '' && req.resourceAccount !== p.accountId;
  const names = (k: string) => rp.includes(k as any);

  if (crossAccount) return rp.length > 0 && id && pb && sp ? 'allowed' : 'implicitDeny';
  if (policies.resourceIsTrust) {
    if (names('direct') && pb) return 'allowed';
    if (names('role') && pb && sp) return 'allowed';
    if (names('account') && id && pb && sp) return 'allowed';
    return 'implicitDeny';
  }
  if (names('direct')) return 'allowed';
  if (names('role') && pb && sp) return 'allowed';
  if (['Anonymous', 'Service', 'Federated'].includes(p.type)) return 'implicitDeny';
  if (id && pb && sp) return 'allowed';
  return 'implicitDeny';
}
