import { defineS3Operation } from '../s3-context.js';
import { S3Error } from '../s3-errors.js';
import { loadBucket } from '../bucket-lookup.js';

/** DeleteBucket: only when empty (BucketNotEmpty); unfinished multipart uploads go with it. */
export const deleteBucket = defineS3Operation({
  name: 'DeleteBucket',
  scope: 'bucket',
  readOnly: false,
  dataEvent: false,
  body: 'none',
  async handler(ctx) {
    const bucket = await loadBucket(ctx);
    await ctx.authorize({ action: 's3:DeleteBucket', bucket });
    const parts = await ctx.store.transaction(async (tx) => {
      if (await tx.s3Objects.any(bucket.name)) throw new S3Error('BucketNotEmpty', undefined, { BucketName: bucket.name });
      const removed = await tx.s3Uploads.deleteForBucket(bucket.name);
      await tx.s3Buckets.delete(bucket.name);
      return removed;
    });
    await ctx.files.remove(parts.map((p) => p.blobId));
    return { status: 204 };
  },
});
