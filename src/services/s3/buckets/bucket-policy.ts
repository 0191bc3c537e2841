import { defineS3Operation } from '../s3-context.js';
import { S3Error } from '../s3-errors.js';
import { loadBucket } from '../bucket-lookup.js';
import { verifyBufferedBody } from '../request-body.js';
import { checkBucketPolicy } from './bucket-policy-rules.js';

export const putBucketPolicy = defineS3Operation({
  name: 'PutBucketPolicy',
  scope: 'bucket',
  readOnly: false,
  dataEvent: false,
  body: 'xml',
  // A policy may have 20 KB (MalformedPolicy beyond, with S3's message); this only bounds the read.
  maxBodyBytes: 64 * 1024,
  async handler(ctx) {
    const bucket = await loadBucket(ctx);
    await ctx.authorize({ action: 's3:PutBucketPolicy', bucket });
    verifyBufferedBody(ctx);
    const text = ctx.input.body.toString('utf8');
    await checkBucketPolicy(ctx, bucket.name, text);
    await ctx.store.s3Buckets.update({ ...bucket, policy: text });
    return { status: 204 };
  },
});

export const getBucketPolicy = defineS3Operation({
  name: 'GetBucketPolicy',
  scope: 'bucket',
  readOnly: true,
  dataEvent: false,
  body: 'none',
  async handler(ctx) {
    const bucket = await loadBucket(ctx);
    await ctx.authorize({ action: 's3:GetBucketPolicy', bucket });
    if (bucket.policy === undefined) throw new S3Error('NoSuchBucketPolicy', undefined, { BucketName: bucket.name });
    return { text: { body: bucket.policy, contentType: 'application/json' } };
  },
});

export const deleteBucketPolicy = defineS3Operation({
  name: 'DeleteBucketPolicy',
  scope: 'bucket',
  readOnly: false,
  dataEvent: false,
  body: 'none',
  async handler(ctx) {
    const bucket = await loadBucket(ctx);
    await ctx.authorize({ action: 's3:DeleteBucketPolicy', bucket });
    const { policy: _removed, ...rest } = bucket;
    await ctx.store.s3Buckets.update(rest);
    return { status: 204 };
  },
});
