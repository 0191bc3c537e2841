import type { ListOptions, Page } from '../../../storage/store.js';

/**
 * Every row of a paged store list. Used where IAM's answer needs the whole set (usage counts,
 * filters the store cannot apply); the account quotas keep these sets small.
 */
export async function listAll<T>(fetch: (options: ListOptions) => Promise<Page<T>>, pathPrefix?: string): Promise<T[]> {
  const out: T[] = [];
  let after: string | undefined;
  do {
    const page = await fetch({ after, limit: 1000, pathPrefix });
    out.push(...page.items);
    after = page.nextMarker;
  } while (after !== undefined);
  return out;
}
