import { isAwsError } from '../../../errors/aws-error.js';
import { checkTrustPrincipalsExist } from '../../iam/roles/trust-principals.js';
import type { S3Context } from '../s3-context.js';
import { S3Error } from '../s3-errors.js';

const MAX_POLICY_BYTES = 20 * 1024;

function list(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/**
 * A bucket policy must be a valid resource-based policy (the engine's grammar and Principal
 * rules), name only S3 actions, only this bucket and its objects as resources, and only IAM
 * users and roles that exist. S3 answers MalformedPolicy with the reason.
 */
export async function checkBucketPolicy(ctx: S3Context, bucketName: string, text: string): Promise<void> {
  if (Buffer.byteLength(text) > MAX_POLICY_BYTES) throw new S3Error('MalformedPolicy', 'Policy exceeds the maximum allowed document size.');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new S3Error('MalformedPolicy', 'This policy contains invalid Json');
  }
  try {
    ctx.policies.compile(text, 'resource');
  } catch (error) {
    if (isAwsError(error)) throw new S3Error('MalformedPolicy', error.message);
    throw error;
  }
  const statements = list((doc as Record<string, unknown>).Statement);
  for (const raw of statements) {
    const st = raw as Record<string, unknown>;
    for (const action of [...list(st.Action), ...list(st.NotAction)]) {
      if (typeof action !== 'string' || (action !== '*' && !action.toLowerCase().startsWith('s3:'))) {
        throw new S3Error('MalformedPolicy', 'Policy has invalid action');
      }
    }
    for (const resource of [...list(st.Resource), ...list(st.NotResource)]) {
      const ok =
        typeof resource === 'string' && (resource === `arn:aws:s3:::${bucketName}` || resource.startsWith(`arn:aws:s3:::${bucketName}/`));
      if (!ok) throw new S3Error('MalformedPolicy', 'Policy has invalid resource');
    }
  }
  try {
    await checkTrustPrincipalsExist(ctx.store, text);
  } catch (error) {
    if (isAwsError(error)) throw new S3Error('MalformedPolicy', 'Invalid principal in policy');
    throw error;
  }
}
