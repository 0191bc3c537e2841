import { AwsError } from '../../../errors/aws-error.js';
import { parseArn } from '../../../model/arns.js';
import { awsManagedPolicy, type AwsManagedPolicy } from '../../../model/aws-managed-policies.js';
import type { ManagedPolicy } from '../../../model/entities.js';
import type { Store } from '../../../storage/store.js';
import type { OperationContext } from '../../operation.js';

/** A managed policy found by ARN: one of AWS's (code, shared by every account) or the caller's own. */
export type FoundPolicy = { kind: 'aws'; policy: AwsManagedPolicy } | { kind: 'local'; policy: ManagedPolicy };

/** A policy ARN that is not an IAM `policy/…` ARN at all: InvalidInput "ARN … is not valid." (§4.2). */
export function checkPolicyArn(arn: string): void {
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== 'iam' || parsed.region !== '' || !parsed.resource.startsWith('policy/')) {
    throw new AwsError('InvalidInput', `ARN ${arn} is not valid.`);
  }
}

/** Another account's policy is as invisible as a missing one. */
export async function findPolicy(store: Store, accountId: string, arn: string): Promise<FoundPolicy | undefined> {
  const builtIn = awsManagedPolicy(arn);
  if (builtIn) return { kind: 'aws', policy: builtIn };
  const policy = await store.managedPolicies.get(arn);
  return policy && policy.accountId === accountId ? { kind: 'local', policy } : undefined;
}

export const policyNotFound = (arn: string) => new AwsError('NoSuchEntity', `Policy ${arn} was not found.`);

export const versionNotFound = (arn: string, versionId: string) =>
  new AwsError('NoSuchEntity', `Policy ${arn} version ${versionId} does not exist or is not attachable.`);

/** Any managed policy the caller can read; NoSuchEntity "Policy … was not found." otherwise. */
export async function requirePolicy(ctx: OperationContext, arn: string): Promise<FoundPolicy> {
  checkPolicyArn(arn);
  const found = await findPolicy(ctx.store, ctx.caller.accountId, arn);
  if (!found) throw policyNotFound(arn);
  return found;
}

/**
 * A policy the caller may change: its own. AWS-managed ones answer AccessDenied with the
 * operation's own text (e.g. "Cannot delete policies outside your own account.").
 */
export async function requireOwnPolicy(ctx: OperationContext, arn: string, outsideAccountText: string): Promise<ManagedPolicy> {
  const found = await requirePolicy(ctx, arn);
  if (found.kind === 'aws') throw new AwsError('AccessDenied', outsideAccountText);
  return found.policy;
}
