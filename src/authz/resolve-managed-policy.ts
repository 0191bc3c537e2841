import { awsManagedPolicy } from '../model/aws-managed-policies.js';
import type { Store } from '../storage/store.js';

/** The default-version document of a managed policy, AWS-managed or customer-managed. */
export interface ResolvedPolicy {
  arn: string;
  name: string;
  document: string;
  versionId: string;
}

export async function resolveManagedPolicy(store: Store, policyArn: string): Promise<ResolvedPolicy | undefined> {
  const builtIn = awsManagedPolicy(policyArn);
  if (builtIn) return { arn: builtIn.arn, name: builtIn.policyName, document: builtIn.document, versionId: builtIn.defaultVersionId };
  const policy = await store.managedPolicies.get(policyArn);
  if (!policy) return undefined;
  const version = await store.managedPolicies.getVersion(policyArn, policy.defaultVersionId);
  if (!version) return undefined;
  return { arn: policy.arn, name: policy.policyName, document: version.document, versionId: version.versionId };
}
