import { listAll } from './list-all.js';
import type { Store } from '../../../storage/store.js';

/** How a managed policy is used in one account: attached as a permissions policy, or as a boundary. */
export interface PolicyUsage {
  attachmentCount: number;
  boundaryCount: number;
}

/**
 * Permissions-boundary use per policy ARN. The store keeps the boundary on the user or role row
 * only, so this reads every user and role of the account once per request.
 */
export async function boundaryUsage(store: Store, accountId: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const add = (arn: string | undefined) => {
    if (arn !== undefined) counts.set(arn, (counts.get(arn) ?? 0) + 1);
  };
  for (const u of await listAll((o) => store.users.list(accountId, o))) add(u.permissionsBoundaryArn);
  for (const r of await listAll((o) => store.roles.list(accountId, o))) add(r.permissionsBoundaryArn);
  return counts;
}

export async function policyUsage(store: Store, accountId: string, arn: string, boundaries?: Map<string, number>): Promise<PolicyUsage> {
  const attachmentCount = await store.attachments.countForPolicy(accountId, arn);
  const boundaryCount = (boundaries ?? (await boundaryUsage(store, accountId))).get(arn) ?? 0;
  return { attachmentCount, boundaryCount };
}
