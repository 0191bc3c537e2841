import type { Tag } from '../../../model/entities.js';
import { loadBucket } from '../bucket-lookup.js';
import { checkCannedAcl, checkKey } from '../object-headers.js';
import type { S3Context } from '../s3-context.js';
import { requestTagContext, tagsFromHeader, validateTags } from '../tags.js';

/** x-amz-tagging of a write, validated (object tags: 10 at most). */
export function requestTags(ctx: S3Context): Tag[] {
  const header = ctx.input.header('x-amz-tagging');
  if (header === undefined) return [];
  const tags = tagsFromHeader(header);
  validateTags(tags, { max: 10 });
  return tags;
}

/** Writes need s3:PutObject, and s3:PutObjectTagging as well when they set tags. */
export async function authorizeWrite(
  ctx: S3Context,
  bucket: Parameters<S3Context['authorize']>[0]['bucket'],
  key: string,
  tags: Tag[],
  extra: Record<string, string> = {},
): Promise<void> {
  const tagContext = tags.length > 0 ? requestTagContext(tags) : {};
  const acl = ctx.input.header('x-amz-acl');
  // Object.assign, not spread: see src/services/sts/shared/mint.ts (young-generation survivors).
  const context: Record<string, string> = Object.assign({}, extra, tagContext);
  if (acl !== undefined) context['s3:x-amz-acl'] = acl;
  await ctx.authorize({ action: 's3:PutObject', bucket, key, context });
  if (tags.length > 0) await ctx.authorize({ action: 's3:PutObjectTagging', bucket, key, context: tagContext });
}

/**
 * What every new-object write (PutObject, CreateMultipartUpload) does first: find the bucket,
 * check the key, read the requested tags, authorize, refuse unsupported canned ACLs.
 */
export async function beginObjectWrite(ctx: S3Context<'object'>) {
  const bucket = await loadBucket(ctx);
  const key = ctx.input.key;
  checkKey(key);
  const tags = requestTags(ctx);
  await authorizeWrite(ctx, bucket, key, tags);
  checkCannedAcl(ctx);
  return { bucket, key, tags };
}
