import { xmlDocument } from '../../../protocol/rest-xml/xml-writer.js';
import { defineS3Operation } from '../s3-context.js';
import { loadBucket } from '../bucket-lookup.js';

/** us-east-1 is reported as an empty LocationConstraint, as S3 does. */
export const getBucketLocation = defineS3Operation({
  name: 'GetBucketLocation',
  scope: 'bucket',
  readOnly: true,
  dataEvent: false,
  body: 'none',
  async handler(ctx) {
    const bucket = await loadBucket(ctx);
    await ctx.authorize({ action: 's3:GetBucketLocation', bucket });
    return { xml: xmlDocument('LocationConstraint', bucket.region === 'us-east-1' ? '' : bucket.region) };
  },
});
