import { isoSeconds } from '../../../kernel/iso-time.js';
import type { AwsManagedPolicy } from '../../../model/aws-managed-policies.js';
import type { ManagedPolicy, PolicyVersion } from '../../../model/entities.js';
import type { FoundPolicy } from './policy-lookup.js';
import type { PolicyUsage } from './policy-usage.js';

/** Customer and AWS-managed policies seen through one shape (AWS's carry no tags). */
export type AnyPolicy = ManagedPolicy | AwsManagedPolicy;

export const policyOf = (found: FoundPolicy): AnyPolicy => found.policy;

const tagsOf = (p: AnyPolicy) => ('tags' in p ? p.tags.map((t) => ({ Key: t.Key, Value: t.Value })) : []);

/**
 * The `Policy` output shape. Presence rules (§4.4): CreatePolicy has no Description and Tags only
 * when given; GetPolicy always has Tags (empty element when none) and Description when set;
 * ListPolicies items have neither.
 */
export function policyView(p: AnyPolicy, usage: PolicyUsage, mode: 'create' | 'get' | 'list') {
  const tags = tagsOf(p);
  return {
    PolicyName: p.policyName,
    PolicyId: p.policyId,
    Arn: p.arn,
    Path: p.path,
    DefaultVersionId: p.defaultVersionId,
    AttachmentCount: usage.attachmentCount,
    PermissionsBoundaryUsageCount: usage.boundaryCount,
    IsAttachable: true,
    Description: mode === 'get' ? p.description : undefined,
    CreateDate: isoSeconds(p.createDate),
    UpdateDate: isoSeconds(p.updateDate),
    Tags: mode === 'get' ? tags : mode === 'create' && tags.length > 0 ? tags : undefined,
  };
}

/** `PolicyVersion`: Document only where AWS sends it (GetPolicyVersion, authorization details). */
export function versionView(v: PolicyVersion, defaultVersionId: string, withDocument: boolean) {
  return {
    Document: withDocument ? v.document : undefined,
    VersionId: v.versionId,
    IsDefaultVersion: v.versionId === defaultVersionId,
    CreateDate: isoSeconds(v.createDate),
  };
}

/** AWS-managed policies are code with one version each. */
export function awsPolicyVersions(p: AwsManagedPolicy): PolicyVersion[] {
  return [{ policyArn: p.arn, versionId: p.defaultVersionId, document: p.document, createDate: p.updateDate }];
}

/** Version ids are `v<n>`; newest (highest n) first, as ListPolicyVersions returns them. */
export const versionNumber = (versionId: string): number => Number.parseInt(versionId.slice(1), 10);

export function newestFirst(versions: readonly PolicyVersion[]): PolicyVersion[] {
  return [...versions].sort((a, b) => versionNumber(b.versionId) - versionNumber(a.versionId));
}
