import type { S3Bucket, S3Object } from '../../../storage/store.js';
import { checksumHeader } from '../files/checksums.js';
import type { ObjectFiles } from '../files/object-files.js';
import { SMALL_BLOB_BYTES } from '../files/small-blob-io.js';
import { defineS3Operation, type S3Context, type S3Response } from '../s3-context.js';
import { S3Error } from '../s3-errors.js';
import { addressedBucket } from '../bucket-lookup.js';
import { httpDate, quoteEtag, storedHeadersOut } from '../object-headers.js';
import { existingTagContext } from '../tags.js';
import { headerFromQuery } from '../response-headers.js';
import { parseRange } from './byte-range.js';
import { checkPreconditions, notModifiedHeaders } from './conditions.js';

/** Query parameters a signed GET may use to override response headers (presigned downloads). */
const OVERRIDES: Record<string, string> = {
  'response-content-type': 'content-type',
  'response-content-language': 'content-language',
  'response-expires': 'expires',
  'response-cache-control': 'cache-control',
  'response-content-disposition': 'content-disposition',
  'response-content-encoding': 'content-encoding',
};

/**
 * The object, readable by the caller, or the right error: S3 says NoSuchKey only to callers who
 * may list the bucket; everyone else gets AccessDenied, so keys cannot be probed.
 */
export async function readableObject(ctx: S3Context, bucket: S3Bucket, key: string, action = 's3:GetObject'): Promise<S3Object> {
  return authorizeRead(ctx, bucket, key, await ctx.store.s3Objects.get(bucket.name, key), action);
}

/** readableObject for an object already read (undefined: the bucket does not hold the key). */
async function authorizeRead(
  ctx: S3Context,
  bucket: S3Bucket,
  key: string,
  object: S3Object | undefined,
  action = 's3:GetObject',
): Promise<S3Object> {
  await ctx.authorize({ action, bucket, key, context: object ? existingTagContext(object.tags) : {} });
  if (object) return object;
  if (await ctx.isAllowed({ action: 's3:ListBucket', bucket })) throw new S3Error('NoSuchKey', undefined, { Key: key });
  throw new S3Error('AccessDenied');
}

type ObjectBody = Pick<S3Response, 'data' | 'stream'>;

/**
 * The bytes to send, or undefined when the blob is gone: up to SMALL_BLOB_BYTES read whole into
 * one Buffer (one read, written with the headers; a stream costs about 100 µs more per 4 KiB
 * object), larger ones streamed.
 */
async function objectBody(
  files: ObjectFiles,
  object: S3Object,
  range: { start: number; end: number } | undefined,
): Promise<ObjectBody | undefined> {
  const start = range?.start ?? 0;
  const end = range?.end ?? object.size - 1;
  if (end - start + 1 <= SMALL_BLOB_BYTES) {
    const data = await files.readSmall(object.blobId, object.size, start, end);
    return data && { data };
  }
  const handle = await files.open(object.blobId);
  return handle && { stream: files.readStream(handle, start, end) };
}

async function getOrHead(ctx: S3Context<'object'>, withBody: boolean): Promise<S3Response> {
  const key = ctx.input.key;
  // The bucket and the object in one read: two statements cost twice the store's per-call overhead.
  const found = await ctx.store.s3Objects.getWithBucket(ctx.input.bucket, key);
  const bucket = addressedBucket(ctx, found?.bucket);
  let object = await authorizeRead(ctx, bucket, key, found?.object);
  const partNumber = ctx.input.query.get('partNumber');
  // Part 1 of a single-part object is the object; reading parts of multipart objects is not implemented.
  if (partNumber !== undefined && (partNumber !== '1' || object.etag.includes('-')))
    throw new S3Error('NotImplemented', undefined, { Parameter: 'partNumber' });
  const h = (n: string) => ctx.input.header(n);
  if (
    checkPreconditions(
      object,
      {
        ifMatch: h('if-match'),
        ifNoneMatch: h('if-none-match'),
        ifModifiedSince: h('if-modified-since'),
        ifUnmodifiedSince: h('if-unmodified-since'),
      },
      'NotModified',
    ) === 'not-modified'
  ) {
    return { status: 304, headers: notModifiedHeaders(object) };
  }
  const range = parseRange(h('range'), object.size);
  // Checked before the file is opened: a refused override leaves nothing to close.
  const overrides: Record<string, string> = {};
  if (ctx.caller) {
    for (const [param, header] of Object.entries(OVERRIDES)) {
      const value = ctx.input.query.get(param);
      if (value !== undefined) overrides[header] = headerFromQuery(param, value);
    }
  }
  let body: ObjectBody | undefined;
  if (withBody && object.size > 0) {
    // The version read may have been replaced since its row was read: read the row again once.
    body = await objectBody(ctx.files, object, range);
    if (!body) {
      const again = await ctx.store.s3Objects.get(bucket.name, key);
      if (!again) throw new S3Error('NoSuchKey', undefined, { Key: key });
      object = again;
      body = await objectBody(ctx.files, object, range);
      if (!body) throw new S3Error('InternalError', undefined, {}, `blob of ${bucket.name}/${key} is missing`);
    }
  }
  const headers: Record<string, string> = {
    ...storedHeadersOut(object.headers, object.metadata),
    ETag: quoteEtag(object.etag),
    'Last-Modified': httpDate(object.lastModified),
    'Accept-Ranges': 'bytes',
    'Content-Length': String(range ? range.end - range.start + 1 : object.size),
  };
  if (range) headers['Content-Range'] = `bytes ${range.start}-${range.end}/${object.size}`;
  if (object.tags.length > 0 && withBody) headers['x-amz-tagging-count'] = String(object.tags.length);
  if (object.etag.includes('-')) headers['x-amz-mp-parts-count'] = object.etag.split('-')[1]!;
  if (object.checksum && !range && h('x-amz-checksum-mode')?.toUpperCase() === 'ENABLED') {
    headers[checksumHeader(object.checksum.algorithm as Parameters<typeof checksumHeader>[0])] = object.checksum.value;
    headers['x-amz-checksum-type'] = 'FULL_OBJECT';
  }
  Object.assign(headers, overrides);
  return { status: range ? 206 : 200, headers, ...body };
}

export const getObject = defineS3Operation({
  name: 'GetObject',
  scope: 'object',
  readOnly: true,
  dataEvent: true,
  body: 'none',
  handler: (ctx) => getOrHead(ctx, true),
});

export const headObject = defineS3Operation({
  name: 'HeadObject',
  scope: 'object',
  readOnly: true,
  dataEvent: true,
  body: 'none',
  handler: (ctx) => getOrHead(ctx, false),
});
