import { Glob } from './glob.js';
import { knownServiceId, serviceId } from './service-ids.js';
import { tokenize } from './template.js';

/**
 * The Action / NotAction list of one statement. Actions are `service:name`, compared
 * case-insensitively; `*` and `?` match within the name. The service prefix is literal (a
 * wildcard never reaches into another service: `s3:*` does not cover `s3-object-lambda:*`);
 * a lone `*` covers every action of every service.
 */
export class ActionSpec {
  readonly all: boolean;
  /** Lowercased service prefix → name patterns. */
  readonly byService: ReadonlyMap<string, readonly Glob[]>;
  /** The same, indexed by service id (service-ids.ts), for the decision path. */
  private readonly byServiceId: (readonly Glob[] | undefined)[] = [];

  constructor(actions: readonly string[]) {
    let all = false;
    const map = new Map<string, Glob[]>();
    for (const a of actions) {
      if (a === '*') {
        all = true;
        continue;
      }
      const colon = a.indexOf(':');
      const service = a.slice(0, colon).toLowerCase();
      const name = a.slice(colon + 1);
      const list = map.get(service) ?? [];
      list.push(new Glob(tokenize(name, { wildcards: true, variables: false, lower: true })));
      map.set(service, list);
    }
    this.all = all;
    this.byService = map;
    for (const [svc, globs] of map) this.byServiceId[serviceId(svc)] = globs;
  }

  /** Service id and lowercased action name. */
  matches(service: number, name: string): boolean {
    if (this.all) return true;
    const globs = service < 0 ? undefined : this.byServiceId[service];
    if (globs === undefined) return false;
    for (let i = 0; i < globs.length; i++) if (globs[i]!.test(name)) return true;
    return false;
  }
}

export interface ParsedAction {
  /** As given. */
  action: string;
  service: string;
  name: string;
  /** service-ids.ts id of the service, or -1 when no compiled policy names it. */
  serviceId: number;
}

/**
 * Lowercase and split a request action. Actions come from a finite vocabulary, so parsed forms
 * are memoised (bounded); the service id is looked up again while it is still unknown, since a
 * policy naming the service may be compiled later.
 */
const parsed = new Map<string, ParsedAction>();

export function parseAction(action: string): ParsedAction {
  let p = parsed.get(action);
  if (p !== undefined) {
    if (p.serviceId < 0) {
      const id = knownServiceId(p.service);
      if (id >= 0) {
        p = { ...p, serviceId: id };
        parsed.set(action, p);
      }
    }
    return p;
  }
  const lower = action.toLowerCase();
  const colon = lower.indexOf(':');
  const service = colon < 0 ? lower : lower.slice(0, colon);
  p = { action, service, name: colon < 0 ? '' : lower.slice(colon + 1), serviceId: knownServiceId(service) };
  if (parsed.size >= 20_000) parsed.clear();
  parsed.set(action, p);
  return p;
}
