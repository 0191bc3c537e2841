import type { Authorizer } from '../../authz/authorizer.js';
import { ANONYMOUS_REQUESTER, isAnonymous } from '../../authz/requester.js';
import type { PolicyCompiler } from '../../authz/policy-cache.js';
import type { RequestFacts } from '../../authz/request-context.js';
import type { Principal } from '../../model/principal.js';
import type { ContextValue, PolicyRef } from '../../policy/index.js';
import type { AuthorizeCheck } from './s3-context.js';
import { S3Error } from './s3-errors.js';

/**
 * Every S3 action keysmith's handlers authorize (a unit test keeps this in step with the
 * handlers); docs/condition-keys.md lists the S3 keys per action from it.
 */
export const S3_ACTIONS_CHECKED: readonly string[] = [
  's3:AbortMultipartUpload',
  's3:CreateBucket',
  's3:DeleteBucket',
  's3:DeleteBucketPolicy',
  's3:DeleteObject',
  's3:DeleteObjectTagging',
  's3:GetBucketLocation',
  's3:GetBucketPolicy',
  's3:GetBucketTagging',
  's3:GetBucketVersioning',
  's3:GetObject',
  's3:GetObjectTagging',
  's3:ListAllMyBuckets',
  's3:ListBucket',
  's3:ListBucketMultipartUploads',
  's3:ListMultipartUploadParts',
  's3:PutBucketPolicy',
  's3:PutBucketTagging',
  's3:PutObject',
  's3:PutObjectTagging',
];

export function s3Resource(bucketName: string | undefined, key: string | undefined): string {
  if (bucketName === undefined) return '*';
  return key === undefined ? `arn:aws:s3:::${bucketName}` : `arn:aws:s3:::${bucketName}/${key}`;
}

/**
 * Authorization for one S3 request: the caller's identity side (policies, boundary, session
 * policies) through the shared Authorizer, the bucket policy as the resource policy with the
 * bucket owner as resource account (so the engine applies the same-account and cross-account
 * rules), and S3's condition keys. Anonymous callers have only the bucket policy; the root rule
 * (the bucket owner's root always manages the bucket policy) is the Authorizer's.
 */
export class S3Authorization {
  constructor(
    private readonly authorizer: Authorizer,
    private readonly policies: PolicyCompiler,
    private readonly caller: Principal | undefined,
    private readonly facts: RequestFacts,
    /** Keys every check of this request carries (s3:authType, s3:signatureversion, …). */
    private readonly requestContext: Record<string, ContextValue>,
  ) {}

  async authorize(check: AuthorizeCheck): Promise<void> {
    if (!(await this.isAllowed(check))) {
      throw new S3Error(
        'AccessDenied',
        undefined,
        {},
        `${this.caller?.arn ?? 'anonymous'} may not ${check.action} on ${this.resourceOf(check)}`,
      );
    }
  }

  async isAllowed(check: AuthorizeCheck): Promise<boolean> {
    const resource = this.resourceOf(check);
    const bucket = check.bucket;
    // Object.assign, not spread: see src/services/sts/shared/mint.ts (young-generation survivors).
    const context: Record<string, ContextValue> = Object.assign({}, this.requestContext, check.context);
    if (bucket) context['s3:ResourceAccount'] = bucket.accountId;
    const resourcePolicy: PolicyRef | undefined = bucket?.policy
      ? { id: `bucket-policy:${bucket.name}`, policy: this.policies.compile(bucket.policy, 'resource') }
      : undefined;
    // The bucket owner's root may always manage the bucket policy: the Authorizer's root rule.
    const caller = this.caller ?? ANONYMOUS_REQUESTER;
    const verdict = await this.authorizer.decide(caller, check.action, resource, this.facts, {
      resourceAccount: bucket?.accountId ?? (isAnonymous(caller) ? undefined : caller.accountId),
      resourcePolicy,
      context,
    });
    return verdict.allowed;
  }

  private resourceOf(check: AuthorizeCheck): string {
    return s3Resource(check.bucketName ?? check.bucket?.name, check.key);
  }
}
