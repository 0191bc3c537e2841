import type { PolicyCompiler } from '../../authz/policy-cache.js';
import type { CompiledPolicy } from '../../policy/index.js';
import type { Store } from '../../storage/store.js';
import { S3Error } from './s3-errors.js';

/**
 * Whether an anonymous request's XML body is worth reading. Only a bucket policy can allow an
 * anonymous caller anything, and only through an Allow statement whose Principal is everyone
 * (`"*"`, `{"AWS": "*"}`) or a NotPrincipal. When the addressed bucket has no such statement
 * (or no policy, or does not exist, or the request creates a bucket), the answer is known
 * before the body: it is refused here, unread and unparsed, with what the handler would have
 * said (NoSuchBucket, AccessDenied). One bucket read, on anonymous XML requests only.
 *
 * A policy that may allow anonymous access lets the request through to the handler, which reads
 * the document (within the operation's size limit) and authorizes every action as usual.
 */
export async function refuseAnonymousBody(
  store: Store,
  policies: PolicyCompiler,
  operation: string,
  bucketName: string | undefined,
): Promise<void> {
  if (operation === 'CreateBucket' || bucketName === undefined) throw denied(operation);
  const bucket = await store.s3Buckets.get(bucketName);
  if (!bucket) throw new S3Error('NoSuchBucket', undefined, { BucketName: bucketName });
  if (!bucket.policy) throw denied(operation);
  let compiled: CompiledPolicy;
  try {
    compiled = policies.compile(bucket.policy, 'resource');
  } catch {
    // A stored policy that no longer compiles: let the handler's own authorization decide.
    return;
  }
  if (!compiled.statements.some((s) => s.effect === 'Allow' && (s.notPrincipal || s.principal?.any === true))) throw denied(operation);
}

function denied(operation: string): S3Error {
  return new S3Error(
    'AccessDenied',
    undefined,
    {},
    `anonymous ${operation}: no bucket policy statement allows anonymous callers (body not read)`,
  );
}
