import type { Tag } from '../../../model/entities.js';
import { checksumHeader } from '../files/checksums.js';
import type { S3Context, S3Operation } from '../s3-context.js';
import { S3Error } from '../s3-errors.js';
import { loadBucket } from '../bucket-lookup.js';
import { MAX_OBJECT_BYTES } from '../limits.js';
import { checkCannedAcl, checkKey, objectHeadersOf, quoteEtag } from '../object-headers.js';
import { requestTagContext, tagsFromHeader, validateTags } from '../tags.js';
import { receiveData } from './receive-data.js';
import { storeObject } from './store-object.js';

/** x-amz-tagging of a write, validated (object tags: 10 at most). */
export function requestTags(ctx: S3Context): Tag[] {
  const header = ctx.input.header('x-amz-tagging');
  if (header === undefined) return [];
  const tags = tagsFromHeader(header);
  validateTags(tags, { max: 10 });
  return tags;
}

/** Writes need s3:PutObject, and s3:PutObjectTagging as well when they set tags. */
export async function authorizeWrite(ctx: S3Context, bucket: Parameters<S3Context['authorize']>[0]['bucket'], key: string, tags: Tag[], extra: Record<string, string> = {}): Promise<void> {
  const tagContext = tags.length > 0 ? requestTagContext(tags) : {};
  const acl = ctx.input.header('x-amz-acl');
  const context = { ...extra, ...tagContext, ...(acl !== undefined ? { 's3:x-amz-acl': acl } : {}) };
  await ctx.authorize({ action: 's3:PutObject', bucket, key, context });
  if (tags.length > 0) await ctx.authorize({ action: 's3:PutObjectTagging', bucket, key, context: tagContext });
}

export const putObject: S3Operation = {
  name: 'PutObject',
  readOnly: false,
  dataEvent: true,
  body: 'stream',
  async handler(ctx) {
    const bucket = await loadBucket(ctx);
    const key = ctx.input.key!;
    checkKey(key);
    const tags = requestTags(ctx);
    await authorizeWrite(ctx, bucket, key, tags);
    checkCannedAcl(ctx);
    const ifNoneMatch = ctx.input.header('if-none-match');
    if (ifNoneMatch !== undefined && ifNoneMatch.trim() !== '*') throw new S3Error('NotImplemented', 'A header you provided implies functionality that is not implemented', { Header: 'If-None-Match' });
    const { headers, metadata } = objectHeadersOf(ctx);
    headers['content-type'] ??= 'binary/octet-stream';
    const received = await receiveData(ctx, { maxBytes: MAX_OBJECT_BYTES });
    const stored = await storeObject(
      ctx,
      received.blob,
      {
        bucket: bucket.name,
        key,
        size: received.blob.size,
        etag: received.blob.md5.toString('hex'),
        lastModified: ctx.clock(),
        headers,
        metadata,
        tags,
        checksum: received.checksum,
      },
      ifNoneMatch !== undefined,
    );
    const out: Record<string, string> = { ETag: quoteEtag(stored.etag) };
    if (received.checksum) {
      out[checksumHeader(received.checksum.algorithm)] = received.checksum.value;
      out['x-amz-checksum-type'] = 'FULL_OBJECT';
    }
    return { headers: out };
  },
};
