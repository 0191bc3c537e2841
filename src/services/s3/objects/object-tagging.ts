import { xmlDocument } from '../../../protocol/rest-xml/xml-writer.js';
import { defineS3Operation } from '../s3-context.js';
import { S3Error } from '../s3-errors.js';
import { loadBucket } from '../bucket-lookup.js';
import { verifyBufferedBody } from '../request-body.js';
import { requestTagContext, tagsFromXml, tagsXml, validateTags } from '../tags.js';
import { readableObject } from './get-object.js';

export const getObjectTagging = defineS3Operation({
  name: 'GetObjectTagging',
  scope: 'object',
  readOnly: true,
  dataEvent: true,
  body: 'none',
  async handler(ctx) {
    const bucket = await loadBucket(ctx);
    const object = await readableObject(ctx, bucket, ctx.input.key, 's3:GetObjectTagging');
    return { xml: xmlDocument('Tagging', tagsXml(object.tags)) };
  },
});

export const putObjectTagging = defineS3Operation({
  name: 'PutObjectTagging',
  scope: 'object',
  readOnly: false,
  dataEvent: true,
  body: 'xml',
  // Ten tags of at most 128 + 256 characters, escaped: far below this.
  maxBodyBytes: 64 * 1024,
  async handler(ctx) {
    const bucket = await loadBucket(ctx);
    const key = ctx.input.key;
    verifyBufferedBody(ctx);
    const tags = tagsFromXml(ctx);
    validateTags(tags, { max: 10 });
    const object = await ctx.store.s3Objects.get(bucket.name, key);
    const existing: Record<string, string | string[]> = {};
    for (const t of object?.tags ?? []) existing[`s3:ExistingObjectTag/${t.Key}`] = t.Value;
    await ctx.authorize({ action: 's3:PutObjectTagging', bucket, key, context: { ...existing, ...requestTagContext(tags) } });
    if (!object || !(await ctx.store.s3Objects.setTags(bucket.name, key, tags))) throw new S3Error('NoSuchKey', undefined, { Key: key });
    return {};
  },
});

export const deleteObjectTagging = defineS3Operation({
  name: 'DeleteObjectTagging',
  scope: 'object',
  readOnly: false,
  dataEvent: true,
  body: 'none',
  async handler(ctx) {
    const bucket = await loadBucket(ctx);
    const key = ctx.input.key;
    const object = await ctx.store.s3Objects.get(bucket.name, key);
    const existing: Record<string, string> = {};
    for (const t of object?.tags ?? []) existing[`s3:ExistingObjectTag/${t.Key}`] = t.Value;
    await ctx.authorize({ action: 's3:DeleteObjectTagging', bucket, key, context: existing });
    if (!object || !(await ctx.store.s3Objects.setTags(bucket.name, key, []))) throw new S3Error('NoSuchKey', undefined, { Key: key });
    return { status: 204 };
  },
});
