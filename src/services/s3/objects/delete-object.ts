import { defineS3Operation } from '../s3-context.js';
import { loadBucket } from '../bucket-lookup.js';

/** Deleting a key that does not exist succeeds too (S3 is idempotent here). */
export const deleteObject = defineS3Operation({
  name: 'DeleteObject',
  scope: 'object',
  readOnly: false,
  dataEvent: true,
  body: 'none',
  async handler(ctx) {
    const bucket = await loadBucket(ctx);
    const key = ctx.input.key;
    await ctx.authorize({ action: 's3:DeleteObject', bucket, key });
    const removed = await ctx.store.s3Objects.delete(bucket.name, key);
    if (removed) await ctx.files.remove([removed.blobId]);
    return { status: 204 };
  },
});
