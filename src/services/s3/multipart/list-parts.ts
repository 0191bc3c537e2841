import { el, xmlDocument, xmlTime } from '../../../protocol/rest-xml/xml-writer.js';
import { defineS3Operation } from '../s3-context.js';
import { S3Error } from '../s3-errors.js';
import { loadBucket } from '../bucket-lookup.js';
import { ownerXml } from '../canonical-user.js';
import { quoteEtag } from '../object-headers.js';
import { loadUpload } from './upload-lookup.js';

function count(text: string | undefined, name: string, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text))
    throw new S3Error('InvalidArgument', `Provided ${name} not an integer or within integer range`, {
      ArgumentName: name,
      ArgumentValue: text,
    });
  return Math.min(n, max);
}

export const listParts = defineS3Operation({
  name: 'ListParts',
  scope: 'object',
  readOnly: true,
  dataEvent: true,
  body: 'none',
  async handler(ctx) {
    const bucket = await loadBucket(ctx);
    const key = ctx.input.key;
    await ctx.authorize({ action: 's3:ListMultipartUploadParts', bucket, key });
    const upload = await loadUpload(ctx, bucket, key);
    const max = count(ctx.input.query.get('max-parts'), 'max-parts', 1000, 1000);
    const marker = count(ctx.input.query.get('part-number-marker'), 'part-number-marker', 0, 10000);
    const page = await ctx.store.s3Uploads.listParts(upload.uploadId, { after: marker, limit: max + 1 });
    const truncated = page.length > max;
    const parts = page.slice(0, max);
    const initiator = el('Initiator', [el('ID', upload.initiatorArn), el('DisplayName', upload.initiatorArn)]);
    return {
      xml: xmlDocument('ListPartsResult', [
        el('Bucket', bucket.name),
        el('Key', key),
        el('UploadId', upload.uploadId),
        initiator,
        ownerXml(bucket.accountId),
        el('StorageClass', 'STANDARD'),
        el('PartNumberMarker', marker),
        el('NextPartNumberMarker', parts.length > 0 ? parts[parts.length - 1]!.partNumber : marker),
        el('MaxParts', max),
        el('IsTruncated', truncated),
        upload.checksumAlgorithm ? el('ChecksumAlgorithm', upload.checksumAlgorithm) : undefined,
        parts.map((p) =>
          el('Part', [
            el('PartNumber', p.partNumber),
            el('LastModified', xmlTime(p.lastModified)),
            el('ETag', quoteEtag(p.etag)),
            el('Size', p.size),
            p.checksum && upload.checksumAlgorithm ? el(`Checksum${upload.checksumAlgorithm}`, p.checksum) : undefined,
          ]),
        ),
      ]),
    };
  },
});

export const listMultipartUploads = defineS3Operation({
  name: 'ListMultipartUploads',
  scope: 'bucket',
  readOnly: true,
  dataEvent: true,
  body: 'none',
  async handler(ctx) {
    const bucket = await loadBucket(ctx);
    await ctx.authorize({ action: 's3:ListBucketMultipartUploads', bucket });
    const q = ctx.input.query;
    const max = count(q.get('max-uploads'), 'max-uploads', 1000, 1000);
    const prefix = q.get('prefix') || undefined;
    const keyMarker = q.get('key-marker') || undefined;
    const uploadIdMarker = keyMarker ? q.get('upload-id-marker') || undefined : undefined;
    const page = await ctx.store.s3Uploads.list(bucket.name, {
      prefix,
      afterKey: keyMarker,
      afterUploadId: uploadIdMarker,
      limit: max + 1,
    });
    const truncated = page.length > max;
    const uploads = page.slice(0, max);
    const last = uploads[uploads.length - 1];
    return {
      xml: xmlDocument('ListMultipartUploadsResult', [
        el('Bucket', bucket.name),
        el('KeyMarker', keyMarker ?? ''),
        el('UploadIdMarker', uploadIdMarker ?? ''),
        el('NextKeyMarker', truncated ? last?.key : undefined),
        el('NextUploadIdMarker', truncated ? last?.uploadId : undefined),
        el('Prefix', prefix),
        el('MaxUploads', max),
        el('IsTruncated', truncated),
        uploads.map((u) =>
          el('Upload', [
            el('Key', u.key),
            el('UploadId', u.uploadId),
            el('Initiator', [el('ID', u.initiatorArn), el('DisplayName', u.initiatorArn)]),
            ownerXml(bucket.accountId),
            el('StorageClass', 'STANDARD'),
            el('Initiated', xmlTime(u.initiated)),
            u.checksumAlgorithm ? el('ChecksumAlgorithm', u.checksumAlgorithm) : undefined,
          ]),
        ),
      ]),
    };
  },
});
