import { xmlDocument } from '../../../protocol/rest-xml/xml-writer.js';
import { defineS3Operation } from '../s3-context.js';
import { loadBucket } from '../bucket-lookup.js';

/** Buckets are never versioned in keysmith: the configuration is always empty (never enabled). */
export const getBucketVersioning = defineS3Operation({
  name: 'GetBucketVersioning',
  scope: 'bucket',
  readOnly: true,
  dataEvent: false,
  body: 'none',
  async handler(ctx) {
    const bucket = await loadBucket(ctx);
    await ctx.authorize({ action: 's3:GetBucketVersioning', bucket });
    return { xml: xmlDocument('VersioningConfiguration', '') };
  },
});
