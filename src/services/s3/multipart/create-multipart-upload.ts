import { randomBytes } from 'node:crypto';
import { el, xmlDocument } from '../../../protocol/rest-xml/xml-writer.js';
import { checksumAlgorithmOf } from '../files/checksums.js';
import { beginObjectWrite } from '../objects/object-write.js';
import { defineS3Operation } from '../s3-context.js';
import { S3Error } from '../s3-errors.js';
import { objectHeadersOf } from '../object-headers.js';

export const createMultipartUpload = defineS3Operation({
  name: 'CreateMultipartUpload',
  scope: 'object',
  readOnly: false,
  dataEvent: true,
  body: 'none',
  async handler(ctx) {
    const { bucket, key, tags } = await beginObjectWrite(ctx);
    const algorithmText = ctx.input.header('x-amz-checksum-algorithm');
    const checksumAlgorithm = algorithmText === undefined ? undefined : checksumAlgorithmOf(algorithmText);
    if (algorithmText !== undefined && !checksumAlgorithm)
      throw new S3Error('InvalidRequest', 'Checksum algorithm provided is unsupported.');
    const { headers, metadata } = objectHeadersOf(ctx);
    headers['content-type'] ??= 'binary/octet-stream';
    const uploadId = randomBytes(36).toString('base64url');
    await ctx.store.s3Uploads.create({
      uploadId,
      bucket: bucket.name,
      key,
      initiated: ctx.now,
      initiatorArn: ctx.caller?.arn ?? 'anonymous',
      accountId: ctx.caller?.accountId ?? bucket.accountId,
      headers,
      metadata,
      tags,
      checksumAlgorithm,
    });
    return {
      headers: checksumAlgorithm ? { 'x-amz-checksum-algorithm': String(checksumAlgorithm) } : undefined,
      xml: xmlDocument('InitiateMultipartUploadResult', [el('Bucket', bucket.name), el('Key', key), el('UploadId', uploadId)]),
    };
  },
});
