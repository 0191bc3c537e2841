import { xmlDocument } from '../../../protocol/rest-xml/xml-writer.js';
import { defineS3Operation } from '../s3-context.js';
import { S3Error } from '../s3-errors.js';
import { loadBucket } from '../bucket-lookup.js';
import { verifyBufferedBody } from '../request-body.js';
import { tagsFromXml, tagsXml, validateTags } from '../tags.js';

export const putBucketTagging = defineS3Operation({
  name: 'PutBucketTagging',
  scope: 'bucket',
  readOnly: false,
  dataEvent: false,
  body: 'xml',
  // Fifty tags of at most 128 + 256 characters, escaped.
  maxBodyBytes: 256 * 1024,
  async handler(ctx) {
    const bucket = await loadBucket(ctx);
    await ctx.authorize({ action: 's3:PutBucketTagging', bucket });
    verifyBufferedBody(ctx);
    const tags = tagsFromXml(ctx);
    validateTags(tags, { max: 50 });
    await ctx.store.s3Buckets.update({ ...bucket, tags });
    return { status: 204 };
  },
});

export const getBucketTagging = defineS3Operation({
  name: 'GetBucketTagging',
  scope: 'bucket',
  readOnly: true,
  dataEvent: false,
  body: 'none',
  async handler(ctx) {
    const bucket = await loadBucket(ctx);
    await ctx.authorize({ action: 's3:GetBucketTagging', bucket });
    if (bucket.tags === undefined) throw new S3Error('NoSuchTagSet', undefined, { BucketName: bucket.name });
    return { xml: xmlDocument('Tagging', tagsXml(bucket.tags)) };
  },
});

/** S3 authorizes DeleteBucketTagging with s3:PutBucketTagging (there is no delete action). */
export const deleteBucketTagging = defineS3Operation({
  name: 'DeleteBucketTagging',
  scope: 'bucket',
  readOnly: false,
  dataEvent: false,
  body: 'none',
  async handler(ctx) {
    const bucket = await loadBucket(ctx);
    await ctx.authorize({ action: 's3:PutBucketTagging', bucket });
    const { tags: _removed, ...rest } = bucket;
    await ctx.store.s3Buckets.update(rest);
    return { status: 204 };
  },
});
