import { AWS_ACTION_CATALOGUE } from '../../../policy/action-catalogue.js';
import { actionKnown } from '../../../policy/action-names.js';

/**
 * Which services (and, per service, which actions) a policy document's Allow statements grant,
 * as the access advisor reads policies: permissions-policy logic only, conditions and resources
 * ignored (AWS: "It only applies permissions policy logic"). `Action: "*"` and an Allow with
 * NotAction count as every service in AWS's action catalogue (src/policy/action-catalogue.ts); a
 * `svc:Pattern` counts when the pattern matches some action of that service.
 */
const ALL_SERVICES = Object.keys(AWS_ACTION_CATALOGUE);

function asList(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function globRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/** The Allow statements' action patterns; `*` stands for NotAction (everything, approximately). */
function allowedPatterns(document: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    return [];
  }
  const statements = (parsed as { Statement?: unknown })?.Statement;
  const list = Array.isArray(statements) ? statements : [statements];
  const out: string[] = [];
  for (const st of list) {
    if (typeof st !== 'object' || st === null) continue;
    const s = st as Record<string, unknown>;
    if (s.Effect !== 'Allow') continue;
    if (s.NotAction !== undefined) out.push('*');
    out.push(...asList(s.Action));
  }
  return out;
}

/** The service namespaces a document allows, lower case, in catalogue order. */
export function servicesAllowedBy(document: string): Set<string> {
  const out = new Set<string>();
  for (const pattern of allowedPatterns(document)) {
    if (pattern === '*') return new Set(ALL_SERVICES);
    const colon = pattern.indexOf(':');
    if (colon < 0) continue;
    const prefix = pattern.slice(0, colon).toLowerCase();
    const services = /[*?]/.test(prefix) ? ALL_SERVICES.filter((s) => globRegExp(prefix).test(s)) : [prefix];
    for (const svc of services) {
      if (actionKnown(AWS_ACTION_CATALOGUE, `${svc}:${pattern.slice(colon + 1)}`) === 'known') out.add(svc);
    }
  }
  return out;
}

/** The actions of `service` (AWS's spelling, `svc:Name`) that a document allows. */
export function actionsAllowedBy(document: string, service: string): Set<string> {
  const names = (AWS_ACTION_CATALOGUE[service] ?? '').split(' ').filter((n) => n !== '');
  const out = new Set<string>();
  for (const pattern of allowedPatterns(document)) {
    const colon = pattern.indexOf(':');
    const svcPart = pattern === '*' ? '*' : pattern.slice(0, colon);
    const actionPart = pattern === '*' ? '*' : pattern.slice(colon + 1);
    if (colon < 0 && pattern !== '*') continue;
    if (!globRegExp(svcPart).test(service)) continue;
    const re = globRegExp(actionPart);
    for (const n of names) if (re.test(n)) out.add(`${service}:${n}`);
  }
  return out;
}
