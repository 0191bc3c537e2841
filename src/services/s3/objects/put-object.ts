import { checksumHeader } from '../files/checksums.js';
import { defineS3Operation } from '../s3-context.js';
import { S3Error } from '../s3-errors.js';
import { MAX_OBJECT_BYTES } from '../limits.js';
import { objectHeadersOf, quoteEtag } from '../object-headers.js';
import { beginObjectWrite } from './object-write.js';
import { receiveData } from './receive-data.js';
import { storeObject } from './store-object.js';

export const putObject = defineS3Operation({
  name: 'PutObject',
  scope: 'object',
  readOnly: false,
  dataEvent: true,
  body: 'stream',
  async handler(ctx) {
    const { bucket, key, tags } = await beginObjectWrite(ctx);
    const ifNoneMatch = ctx.input.header('if-none-match');
    if (ifNoneMatch !== undefined && ifNoneMatch.trim() !== '*')
      throw new S3Error('NotImplemented', 'A header you provided implies functionality that is not implemented', {
        Header: 'If-None-Match',
      });
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
});
