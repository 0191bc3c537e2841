import { createHash } from 'node:crypto';
import { childrenNamed, childText } from '../../../protocol/rest-xml/xml-reader.js';
import { el, xmlDocument } from '../../../protocol/rest-xml/xml-writer.js';
import type { S3Object, S3UploadPart } from '../../../storage/store.js';
import { defineS3Operation } from '../s3-context.js';
import { S3Error } from '../s3-errors.js';
import { loadBucket } from '../bucket-lookup.js';
import { MAX_OBJECT_BYTES, MIN_PART_BYTES } from '../limits.js';
import { quoteEtag } from '../object-headers.js';
import { verifyBufferedBody, xmlBody } from '../request-body.js';
import { loadUpload } from './upload-lookup.js';

async function allParts(list: (after: number) => Promise<S3UploadPart[]>): Promise<Map<number, S3UploadPart>> {
  const parts = new Map<number, S3UploadPart>();
  let after = 0;
  for (;;) {
    const page = await list(after);
    for (const p of page) parts.set(p.partNumber, p);
    if (page.length < 1000) return parts;
    after = page[page.length - 1]!.partNumber;
  }
}

/**
 * CompleteMultipartUpload: the listed parts (ascending, each with its ETag) are concatenated into
 * the object; every part but the last must be at least 5 MiB. The ETag is S3's: the MD5 of the
 * parts' binary MD5s, then `-N`. Parts not listed are discarded.
 */
export const completeMultipartUpload = defineS3Operation({
  name: 'CompleteMultipartUpload',
  scope: 'object',
  readOnly: false,
  dataEvent: true,
  body: 'xml',
  async handler(ctx) {
    const bucket = await loadBucket(ctx);
    const key = ctx.input.key;
    await ctx.authorize({ action: 's3:PutObject', bucket, key });
    const upload = await loadUpload(ctx, bucket, key);
    verifyBufferedBody(ctx);
    const requested = childrenNamed(xmlBody(ctx, 'CompleteMultipartUpload'), 'Part').map((p) => ({
      partNumber: Number(childText(p, 'PartNumber')?.trim()),
      etag: (childText(p, 'ETag') ?? '').trim().replace(/^"|"$/g, ''),
    }));
    if (requested.length === 0) throw new S3Error('MalformedXML');
    const stored = await allParts((after) => ctx.store.s3Uploads.listParts(upload.uploadId, { after, limit: 1000 }));
    const used: S3UploadPart[] = [];
    for (const [i, r] of requested.entries()) {
      if (!Number.isInteger(r.partNumber)) throw new S3Error('MalformedXML');
      if (i > 0 && r.partNumber <= requested[i - 1]!.partNumber) throw new S3Error('InvalidPartOrder');
      const part = stored.get(r.partNumber);
      if (!part || part.etag !== r.etag)
        throw new S3Error('InvalidPart', undefined, { UploadId: upload.uploadId, PartNumber: String(r.partNumber), ETag: r.etag });
      used.push(part);
    }
    for (const [i, part] of used.entries()) {
      if (i < used.length - 1 && part.size < MIN_PART_BYTES) {
        throw new S3Error('EntityTooSmall', undefined, {
          ProposedSize: String(part.size),
          MinSizeAllowed: String(MIN_PART_BYTES),
          PartNumber: String(part.partNumber),
          ETag: part.etag,
        });
      }
    }
    const size = used.reduce((n, p) => n + p.size, 0);
    if (size > MAX_OBJECT_BYTES * 1024) throw new S3Error('EntityTooLarge');
    const md5s = createHash('md5');
    for (const p of used) md5s.update(Buffer.from(p.etag, 'hex'));
    const etag = `${md5s.digest('hex')}-${used.length}`;
    const received = await ctx.files.concat(
      used.map((p) => p.blobId),
      { maxBytes: Number.MAX_SAFE_INTEGER },
    );
    const blobId = await received.commit();
    const object: S3Object = {
      bucket: bucket.name,
      key,
      blobId,
      size,
      etag,
      lastModified: ctx.clock(),
      headers: upload.headers,
      metadata: upload.metadata,
      tags: upload.tags,
    };
    let outcome: { parts: S3UploadPart[]; replaced?: S3Object };
    try {
      outcome = await ctx.store.transaction(async (tx) => {
        const parts = await tx.s3Uploads.delete(upload.uploadId);
        if (!parts) throw new S3Error('NoSuchUpload', undefined, { UploadId: upload.uploadId });
        return { parts, replaced: await tx.s3Objects.put(object) };
      });
    } catch (error) {
      await ctx.files.remove([blobId]);
      throw error;
    }
    await ctx.files.remove([...outcome.parts.map((p) => p.blobId), ...(outcome.replaced ? [outcome.replaced.blobId] : [])]);
    const scheme = 'http';
    return {
      xml: xmlDocument('CompleteMultipartUploadResult', [
        el(
          'Location',
          `${scheme}://${ctx.input.host}/${encodeURIComponent(bucket.name)}/${key.split('/').map(encodeURIComponent).join('/')}`,
        ),
        el('Bucket', bucket.name),
        el('Key', key),
        el('ETag', quoteEtag(etag)),
      ]),
    };
  },
});
