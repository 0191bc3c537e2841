import { defineS3Operation } from '../s3-context.js';
import { S3Error } from '../s3-errors.js';
import { loadBucket } from '../bucket-lookup.js';
import { loadUpload } from './upload-lookup.js';

export const abortMultipartUpload = defineS3Operation({
  name: 'AbortMultipartUpload',
  scope: 'object',
  readOnly: false,
  dataEvent: true,
  body: 'none',
  async handler(ctx) {
    const bucket = await loadBucket(ctx);
    const key = ctx.input.key;
    await ctx.authorize({ action: 's3:AbortMultipartUpload', bucket, key });
    const upload = await loadUpload(ctx, bucket, key);
    const parts = await ctx.store.s3Uploads.delete(upload.uploadId);
    if (!parts) throw new S3Error('NoSuchUpload', undefined, { UploadId: upload.uploadId });
    await ctx.files.remove(parts.map((p) => p.blobId));
    return { status: 204 };
  },
});
