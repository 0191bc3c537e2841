import type { S3Bucket, S3Object } from '../../../storage/store.js';
import type { S3Context } from '../s3-context.js';
import { S3Error } from '../s3-errors.js';
import { checkPreconditions } from './conditions.js';
import { readableObject } from './get-object.js';

/** `x-amz-copy-source`: `[/]bucket/key[?versionId=…]`, the key URL-encoded. */
export function parseCopySource(header: string): { bucket: string; key: string } {
  const q = header.indexOf('?');
  const path = (q < 0 ? header : header.slice(0, q)).replace(/^\//, '');
  const slash = path.indexOf('/');
  const invalid = () =>
    new S3Error('InvalidArgument', 'Copy Source must mention the source bucket and key: sourcebucket/sourcekey', {
      ArgumentName: 'x-amz-copy-source',
      ArgumentValue: header,
    });
  if (slash <= 0 || slash === path.length - 1) throw invalid();
  let parsed: { bucket: string; key: string };
  try {
    parsed = { bucket: decodeURIComponent(path.slice(0, slash)), key: decodeURIComponent(path.slice(slash + 1)) };
  } catch {
    throw invalid();
  }
  // No key holds a NUL (see s3-address.ts): such a source cannot exist.
  if (parsed.key.includes('\u0000') || parsed.bucket.includes('\u0000')) throw invalid();
  return parsed;
}

/**
 * The copy source, readable by the caller (s3:GetObject on it, under its bucket's policy), with
 * the x-amz-copy-source-if-* conditions applied.
 */
export async function copySourceObject(ctx: S3Context): Promise<{ bucket: S3Bucket; object: S3Object }> {
  const source = parseCopySource(ctx.input.header('x-amz-copy-source')!);
  const bucket = await ctx.store.s3Buckets.get(source.bucket);
  if (!bucket) throw new S3Error('NoSuchBucket', undefined, { BucketName: source.bucket });
  const object = await readableObject(ctx, bucket, source.key);
  const h = (n: string) => ctx.input.header(`x-amz-copy-source-${n}`);
  checkPreconditions(
    object,
    {
      ifMatch: h('if-match'),
      ifNoneMatch: h('if-none-match'),
      ifModifiedSince: h('if-modified-since'),
      ifUnmodifiedSince: h('if-unmodified-since'),
    },
    'PreconditionFailed',
  );
  return { bucket, object };
}
