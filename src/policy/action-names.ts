import { MSG } from './messages.js';
import type { ShapedStatement } from './shape.js';
import type { Finding } from './types.js';

/**
 * Unknown-action warnings for `validatePolicy(…, { actionCatalogue })` — IAM Access Analyzer's
 * policy checks INVALID_ACTION and INVALID_SERVICE_IN_ACTION, with its texts
 * (docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
 * IAM itself stores such a policy (the action simply never matches a request), so these are
 * warnings, never errors, and parsePolicy does not run them.
 *
 * The catalogue is data passed in (src/policy/action-catalogue.ts, generated from the AWS Service
 * Authorization Reference): service prefix → its action names separated by spaces. Names are
 * compared case-insensitively, as IAM matches actions. A pattern (`iam:Get*`, `s3:?etObject`)
 * must match at least one action of its service. "Did you mean" names the closest action of the
 * service (or the closest service prefix) by edit distance, when one is close enough; without one
 * the text ends after "does not exist." (AWS: "For some common issues, the policy check returns a
 * suggested action").
 */
export type ActionCatalogueData = Readonly<Record<string, string>>;

interface Service {
  /** Lower-cased name → AWS's spelling. */
  names: Map<string, string>;
}

const built = new WeakMap<ActionCatalogueData, Map<string, Service>>();

function services(data: ActionCatalogueData): Map<string, Service> {
  let out = built.get(data);
  if (!out) {
    out = new Map();
    for (const [prefix, list] of Object.entries(data)) {
      const names = new Map<string, string>();
      for (const n of list.split(' ')) if (n) names.set(n.toLowerCase(), n);
      out.set(prefix.toLowerCase(), { names });
    }
    built.set(data, out);
  }
  return out;
}

/** Whether `service:action` is in the catalogue; for a pattern, whether it matches some action. */
export function actionKnown(data: ActionCatalogueData, action: string): 'known' | 'unknown-action' | 'unknown-service' {
  const i = action.indexOf(':');
  const svc = services(data).get(action.slice(0, i).toLowerCase());
  if (!svc) return 'unknown-service';
  const name = action.slice(i + 1).toLowerCase();
  if (!/[*?]/.test(name)) return svc.names.has(name) ? 'known' : 'unknown-action';
  const re = new RegExp(
    `^${name
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  for (const n of svc.names.keys()) if (re.test(n)) return 'known';
  return 'unknown-action';
}

export function actionWarnings(statements: readonly ShapedStatement[], data: ActionCatalogueData): Finding[] {
  const out: Finding[] = [];
  for (const st of statements) {
    for (const [element, list] of [
      ['Action', st.action],
      ['NotAction', st.notAction],
    ] as const) {
      for (const action of list ?? []) {
        if (action === '*') continue;
        const parts = action.split(':');
        // Malformed actions are errors of stage 7 already.
        if (parts.length !== 2 || parts[0] === '' || /[^a-zA-Z0-9\-.]/.test(parts[0]!)) continue;
        const known = actionKnown(data, action);
        if (known === 'known') continue;
        const base = { severity: 'warning' as const, statementIndex: st.index, field: element, ...(st.range ? { range: st.range } : {}) };
        if (known === 'unknown-service') {
          const prefix = parts[0]!;
          const near = nearest(prefix.toLowerCase(), [...services(data).keys()], prefix.length <= 4 ? 1 : 2);
          out.push({ ...base, code: 'invalid-service-in-action', message: MSG.invalidServiceInAction(prefix, near) });
        } else {
          const [prefix, name] = parts as [string, string];
          const svc = services(data).get(prefix.toLowerCase())!;
          const wildcard = /[*?]/.test(name);
          const near = wildcard ? undefined : nearest(name.toLowerCase(), [...svc.names.keys()], Math.max(2, Math.floor(name.length / 4)));
          out.push({
            ...base,
            code: 'invalid-action',
            message: MSG.invalidAction(action, near === undefined ? undefined : `${prefix}:${svc.names.get(near)!}`),
            ...(wildcard ? { detail: `the pattern matches no ${prefix} action` } : {}),
          });
        }
      }
    }
  }
  return out;
}

/** The candidate closest to `word` (optimal string alignment distance ≤ max), or undefined. */
function nearest(word: string, candidates: readonly string[], max: number): string | undefined {
  let best: string | undefined;
  let bestD = max + 1;
  for (const c of candidates) {
    if (Math.abs(c.length - word.length) >= bestD) continue;
    const d = distance(word, c, bestD);
    if (d < bestD || (d === bestD && best !== undefined && c < best)) {
      best = c;
      bestD = d;
    }
  }
  return bestD <= max ? best : undefined;
}

/** Damerau–Levenshtein (optimal string alignment): a swap of two neighbours counts once. */
function distance(a: string, b: string, cap: number): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, rows[i - 2]![j - 2]! + 1);
      row.push(v);
      rowMin = Math.min(rowMin, v);
    }
    rows.push(row);
    if (i > 0 && rowMin > cap) return cap + 1;
  }
  return rows[a.length]![b.length]!;
}
