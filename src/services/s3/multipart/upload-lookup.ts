import type { S3Bucket, S3Upload } from '../../../storage/store.js';
import type { S3Context } from '../s3-context.js';
import { S3Error } from '../s3-errors.js';

/** The upload named by ?uploadId=, which must belong to this bucket and key (else NoSuchUpload). */
export async function loadUpload(ctx: S3Context, bucket: S3Bucket, key: string): Promise<S3Upload> {
  const uploadId = ctx.input.query.get('uploadId') ?? '';
  const upload = uploadId === '' ? undefined : await ctx.store.s3Uploads.get(uploadId);
  if (!upload || upload.bucket !== bucket.name || upload.key !== key) throw new S3Error('NoSuchUpload', undefined, { UploadId: uploadId });
  return upload;
}

/** ?partNumber=: 1 … 10000. */
export function partNumberOf(ctx: S3Context): number {
  const text = ctx.input.query.get('partNumber') ?? '';
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 10000) {
    throw new S3Error('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive', {
      ArgumentName: 'partNumber',
      ArgumentValue: text,
    });
  }
  return n;
}
