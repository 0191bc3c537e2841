import { el, xmlDocument, xmlTime } from '../../../protocol/rest-xml/xml-writer.js';
import { checksumAlgorithmOf } from '../files/checksums.js';
import { defineS3Operation } from '../s3-context.js';
import { S3Error } from '../s3-errors.js';
import { loadBucket } from '../bucket-lookup.js';
import { MAX_OBJECT_BYTES } from '../limits.js';
import { checkCannedAcl, checkKey, objectHeadersOf, quoteEtag } from '../object-headers.js';
import { copySourceObject } from './copy-source.js';
import { authorizeWrite, requestTags } from './object-write.js';
import { storeObject } from './store-object.js';

function directive(value: string | undefined, name: string): 'COPY' | 'REPLACE' {
  if (value === undefined) return 'COPY';
  const v = value.trim().toUpperCase();
  if (v !== 'COPY' && v !== 'REPLACE')
    throw new S3Error('InvalidArgument', `Unknown ${name} directive.`, { ArgumentName: name, ArgumentValue: value });
  return v;
}

/**
 * CopyObject: needs s3:GetObject on the source and s3:PutObject on the destination (each under
 * its own bucket's policy, so the buckets may belong to different accounts). Metadata and tags
 * are copied unless the directives say REPLACE. The copy is a new single-part object: its ETag
 * is the MD5 of its bytes.
 */
export const copyObject = defineS3Operation({
  name: 'CopyObject',
  scope: 'object',
  readOnly: false,
  dataEvent: true,
  body: 'none',
  async handler(ctx) {
    const bucket = await loadBucket(ctx);
    const key = ctx.input.key;
    checkKey(key);
    const source = await copySourceObject(ctx);
    const metadataDirective = directive(ctx.input.header('x-amz-metadata-directive'), 'x-amz-metadata-directive');
    const taggingDirective = directive(ctx.input.header('x-amz-tagging-directive'), 'x-amz-tagging-directive');
    if (source.bucket.name === bucket.name && source.object.key === key && metadataDirective === 'COPY') {
      throw new S3Error(
        'InvalidRequest',
        "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
      );
    }
    const tags = taggingDirective === 'REPLACE' ? requestTags(ctx) : source.object.tags;
    await authorizeWrite(ctx, bucket, key, taggingDirective === 'REPLACE' ? tags : [], {
      's3:x-amz-copy-source': ctx.input.header('x-amz-copy-source')!,
      's3:x-amz-metadata-directive': metadataDirective,
    });
    checkCannedAcl(ctx);
    let headers = source.object.headers;
    let metadata = source.object.metadata;
    if (metadataDirective === 'REPLACE') {
      ({ headers, metadata } = objectHeadersOf(ctx));
      headers['content-type'] ??= 'binary/octet-stream';
    }
    const algorithm =
      checksumAlgorithmOf(ctx.input.header('x-amz-checksum-algorithm') ?? '') ??
      (source.object.checksum?.algorithm as ReturnType<typeof checksumAlgorithmOf>);
    const received = await ctx.files.copy(source.object.blobId, { maxBytes: MAX_OBJECT_BYTES, checksum: algorithm });
    const now = ctx.clock();
    const stored = await storeObject(ctx, received, {
      bucket: bucket.name,
      key,
      size: received.size,
      etag: received.md5.toString('hex'),
      lastModified: now,
      headers,
      metadata,
      tags,
      checksum: algorithm ? { algorithm, value: received.checksum! } : undefined,
    });
    return {
      headers: { 'x-amz-copy-source-version-id': 'null' },
      xml: xmlDocument('CopyObjectResult', [
        el('ETag', quoteEtag(stored.etag)),
        el('LastModified', xmlTime(now)),
        stored.checksum ? el(`Checksum${stored.checksum.algorithm}`, stored.checksum.value) : undefined,
      ]),
    };
  },
});
