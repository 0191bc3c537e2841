import { el, xmlDocument, xmlTime } from '../../../protocol/rest-xml/xml-writer.js';
import type { S3UploadPart } from '../../../storage/store.js';
import type { ReceivedBlob } from '../files/object-files.js';
import { type ChecksumAlgorithm, checksumHeader } from '../files/checksums.js';
import { copySourceObject } from '../objects/copy-source.js';
import { receiveData } from '../objects/receive-data.js';
import { defineS3Operation, type S3Context } from '../s3-context.js';
import { S3Error } from '../s3-errors.js';
import { loadBucket } from '../bucket-lookup.js';
import { MAX_OBJECT_BYTES } from '../limits.js';
import { quoteEtag } from '../object-headers.js';
import { loadUpload, partNumberOf } from './upload-lookup.js';

/** Records a received part, unless the upload was completed or aborted meanwhile. */
async function savePart(
  ctx: S3Context,
  blob: ReceivedBlob,
  uploadId: string,
  partNumber: number,
  checksum?: string,
): Promise<S3UploadPart> {
  const blobId = await blob.commit();
  const part: S3UploadPart = {
    uploadId,
    partNumber,
    blobId,
    size: blob.size,
    etag: blob.md5.toString('hex'),
    lastModified: ctx.clock(),
    checksum,
  };
  let replaced: S3UploadPart | undefined;
  try {
    replaced = await ctx.store.transaction(async (tx) => {
      if (!(await tx.s3Uploads.get(uploadId))) throw new S3Error('NoSuchUpload', undefined, { UploadId: uploadId });
      return tx.s3Uploads.putPart(part);
    });
  } catch (error) {
    await ctx.files.remove([blobId]);
    throw error;
  }
  if (replaced) await ctx.files.remove([replaced.blobId]);
  return part;
}

export const uploadPart = defineS3Operation({
  name: 'UploadPart',
  scope: 'object',
  readOnly: false,
  dataEvent: true,
  body: 'stream',
  async handler(ctx) {
    const bucket = await loadBucket(ctx);
    const key = ctx.input.key;
    const partNumber = partNumberOf(ctx);
    await ctx.authorize({ action: 's3:PutObject', bucket, key });
    const upload = await loadUpload(ctx, bucket, key);
    const received = await receiveData(ctx, {
      maxBytes: MAX_OBJECT_BYTES,
      algorithm: upload.checksumAlgorithm as ChecksumAlgorithm | undefined,
    });
    const checksum =
      upload.checksumAlgorithm && received.checksum?.algorithm === upload.checksumAlgorithm ? received.checksum.value : undefined;
    const part = await savePart(ctx, received.blob, upload.uploadId, partNumber, checksum);
    const headers: Record<string, string> = { ETag: quoteEtag(part.etag) };
    if (received.checksum) headers[checksumHeader(received.checksum.algorithm)] = received.checksum.value;
    return { headers };
  },
});

/** `bytes=first-last` of x-amz-copy-source-range (both required, inclusive, within the source). */
function copyRange(header: string | undefined, size: number): { start: number; end: number } | undefined {
  if (header === undefined) return undefined;
  const m = /^bytes=(\d+)-(\d+)$/.exec(header.trim());
  if (!m || Number(m[1]) > Number(m[2])) {
    throw new S3Error(
      'InvalidArgument',
      'The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy',
    );
  }
  const start = Number(m[1]);
  const end = Number(m[2]);
  if (end >= size) throw new S3Error('InvalidRange', undefined, { ActualObjectSize: String(size), RangeRequested: header });
  return { start, end };
}

/** UploadPartCopy: a part copied from an existing object (or a byte range of it). */
export const uploadPartCopy = defineS3Operation({
  name: 'UploadPartCopy',
  scope: 'object',
  readOnly: false,
  dataEvent: true,
  body: 'none',
  async handler(ctx) {
    const bucket = await loadBucket(ctx);
    const key = ctx.input.key;
    const partNumber = partNumberOf(ctx);
    const source = await copySourceObject(ctx);
    await ctx.authorize({
      action: 's3:PutObject',
      bucket,
      key,
      context: { 's3:x-amz-copy-source': ctx.input.header('x-amz-copy-source')! },
    });
    const upload = await loadUpload(ctx, bucket, key);
    const range = copyRange(ctx.input.header('x-amz-copy-source-range'), source.object.size);
    const algorithm = upload.checksumAlgorithm as ChecksumAlgorithm | undefined;
    const received = await ctx.files.copy(source.object.blobId, { maxBytes: MAX_OBJECT_BYTES, checksum: algorithm }, range);
    const part = await savePart(ctx, received, upload.uploadId, partNumber, received.checksum);
    return {
      xml: xmlDocument('CopyPartResult', [
        el('ETag', quoteEtag(part.etag)),
        el('LastModified', xmlTime(part.lastModified)),
        algorithm ? el(`Checksum${algorithm}`, received.checksum) : undefined,
      ]),
    };
  },
});
