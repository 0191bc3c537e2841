import { defineS3Operation } from '../s3-context.js';
import { loadBucket } from '../bucket-lookup.js';

export const headBucket = defineS3Operation({
  name: 'HeadBucket',
  scope: 'bucket',
  readOnly: true,
  dataEvent: false,
  body: 'none',
  async handler(ctx) {
    const bucket = await loadBucket(ctx);
    await ctx.authorize({ action: 's3:ListBucket', bucket });
    return { headers: { 'x-amz-bucket-region': bucket.region, 'x-amz-access-point-alias': 'false' } };
  },
});
