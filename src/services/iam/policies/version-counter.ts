import type { ManagedPolicy, PolicyVersion } from '../../../model/entities.js';
import type { Store } from '../../../storage/store.js';
import { versionNumber } from './policy-views.js';

/**
 * IAM never reuses a version number: after v5 is deleted the next version is still v6 (§4.4).
 * The highest number ever issued is remembered per policy id (unique, so a re-created policy of
 * the same name starts again at v1) in the store's settings rows, because the managed-policy row
 * has no field for it. Call inside the transaction that adds the version.
 */
const counterKey = (policyId: string) => `iam/policy-version-counter/${policyId}`;

export async function nextVersionId(tx: Store, policy: ManagedPolicy, versions: readonly PolicyVersion[]): Promise<string> {
  const remembered = Number.parseInt((await tx.settings.get(counterKey(policy.policyId))) ?? '0', 10) || 0;
  const highest = Math.max(remembered, ...versions.map((v) => versionNumber(v.versionId)));
  const next = highest + 1;
  await tx.settings.set(counterKey(policy.policyId), String(next));
  return `v${next}`;
}
