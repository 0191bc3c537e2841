import { Glob } from './glob.js';
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
  }

  /** Lowercased service and action name. */
  matches(service: string, name: string): boolean {
    if (this.all) return true;
    const globs = this.byService.get(service);
    if (!globs) return false;
    for (const g of globs) if (g.test(name)) return true;
    return false;
  }
}

export interface ParsedAction {
  /** As given. */
  action: string;
  service: string;
  name: string;
}

/** Lowercase and split a request action once per decision. */
export function parseAction(action: string): ParsedAction {
  const lower = action.toLowerCase();
  const colon = lower.indexOf(':');
  return colon < 0
    ? { action, service: lower, name: '' }
    : { action, service: lower.slice(0, colon), name: lower.slice(colon + 1) };
}
