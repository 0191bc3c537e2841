import type { S3Bucket } from '../../storage/store.js';
import type { S3Context } from './s3-context.js';
import { S3Error } from './s3-errors.js';

/** The addressed bucket, or NoSuchBucket. Also applies x-amz-expected-bucket-owner. */
export async function loadBucket(ctx: S3Context<'bucket' | 'object'>): Promise<S3Bucket> {
  return addressedBucket(ctx, await ctx.store.s3Buckets.get(ctx.input.bucket));
}

/** The addressed bucket as read (with its object, say), or NoSuchBucket; x-amz-expected-bucket-owner applied. */
export function addressedBucket(ctx: S3Context<'bucket' | 'object'>, bucket: S3Bucket | undefined): S3Bucket {
  if (!bucket) throw new S3Error('NoSuchBucket', undefined, { BucketName: ctx.input.bucket });
  const expected = ctx.input.header('x-amz-expected-bucket-owner');
  if (expected !== undefined && expected !== bucket.accountId)
    throw new S3Error('AccessDenied', undefined, {}, 'expected bucket owner differs');
  return bucket;
}
