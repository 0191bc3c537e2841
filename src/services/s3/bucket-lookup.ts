import type { S3Bucket } from '../../storage/store.js';
import type { S3Context } from './s3-context.js';
import { S3Error } from './s3-errors.js';

/** The addressed bucket, or NoSuchBucket. Also applies x-amz-expected-bucket-owner. */
export async function loadBucket(ctx: S3Context<'bucket' | 'object'>): Promise<S3Bucket> {
  const name = ctx.input.bucket;
  const bucket = await ctx.store.s3Buckets.get(name);
  if (!bucket) throw new S3Error('NoSuchBucket', undefined, { BucketName: name });
  const expected = ctx.input.header('x-amz-expected-bucket-owner');
  if (expected !== undefined && expected !== bucket.accountId)
    throw new S3Error('AccessDenied', undefined, {}, 'expected bucket owner differs');
  return bucket;
}
