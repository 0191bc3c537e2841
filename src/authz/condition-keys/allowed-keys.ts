import { AWS_ACTION_KEYS } from './aws-action-keys.js';
import { CONDITION_KEYS } from './key-table.js';

/**
 * Which condition keys may be present on a request for one action: AWS's global keys, plus the
 * keys AWS lists for the action (its own and its resource types'). The request-context builder
 * drops every other candidate, so a key AWS would not set stays absent — `…IfExists` and `Null`
 * depend on that. Names compare ignoring case, as the policy language does.
 */
export interface AllowedKeys {
  has(key: string): boolean;
  /** Whether any key of a family (`aws:ResourceTag/`) may be present. */
  hasFamily(prefix: string): boolean;
}

interface KeySet {
  exact: Set<string>;
  families: string[];
}

function keySet(keys: Iterable<string>): KeySet {
  const set: KeySet = { exact: new Set(), families: [] };
  for (const k of keys) {
    const lower = k.toLowerCase();
    if (lower.endsWith('/')) set.families.push(lower);
    else set.exact.add(lower);
  }
  return set;
}

const GLOBAL = keySet(CONDITION_KEYS.filter((row) => row.global).map((row) => row.key));

function contains(set: KeySet, lower: string): boolean {
  if (set.exact.has(lower)) return true;
  for (const f of set.families) if (lower.startsWith(f) && lower.length > f.length) return true;
  return false;
}

class ActionKeys implements AllowedKeys {
  constructor(private readonly own: KeySet) {}

  has(key: string): boolean {
    const lower = key.toLowerCase();
    return contains(GLOBAL, lower) || contains(this.own, lower);
  }

  hasFamily(prefix: string): boolean {
    const lower = prefix.toLowerCase();
    return GLOBAL.families.includes(lower) || this.own.families.includes(lower);
  }
}

const cache = new Map<string, AllowedKeys>();

/** The allowed keys of an action (`iam:CreateUser`, any case); an unknown action gets the global keys only. */
export function allowedKeys(action: string): AllowedKeys {
  const lower = action.toLowerCase();
  let found = cache.get(lower);
  if (found === undefined) {
    found = new ActionKeys(keySet(AWS_ACTION_KEYS[lower]?.keys ?? []));
    cache.set(lower, found);
  }
  return found;
}
