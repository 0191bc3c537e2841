import type { S3Context } from './s3-context.js';
import { S3Error } from './s3-errors.js';

/** What S3 keeps with an object besides its bytes: representation headers, x-amz-meta-*, and the rules on keys and ACL headers. */

export function quoteEtag(etag: string): string {
  return `"${etag}"`;
}

export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** Representation headers S3 stores with an object and returns on GET/HEAD. */
export const STORED_HEADERS = [
  'content-type',
  'content-encoding',
  'content-disposition',
  'content-language',
  'cache-control',
  'expires',
  'x-amz-website-redirect-location',
];
const MAX_METADATA_BYTES = 2048;

/** Stored headers and x-amz-meta-* of a write request (MetadataTooLarge beyond 2 KB of metadata). */
export function objectHeadersOf(ctx: S3Context): { headers: Record<string, string>; metadata: Record<string, string> } {
  const headers: Record<string, string> = {};
  for (const name of STORED_HEADERS) {
    const value = ctx.input.header(name);
    if (value !== undefined) headers[name] = value;
  }
  // aws-chunked is how the request was sent, not part of the object's encoding.
  if (headers['content-encoding'] !== undefined) {
    const kept = headers['content-encoding']
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '' && v !== 'aws-chunked');
    if (kept.length === 0) delete headers['content-encoding'];
    else headers['content-encoding'] = kept.join(',');
  }
  const metadata: Record<string, string> = {};
  let bytes = 0;
  for (const name of ctx.input.headerNames()) {
    if (!name.startsWith('x-amz-meta-')) continue;
    const key = name.slice('x-amz-meta-'.length);
    const value = ctx.input.header(name) ?? '';
    metadata[key] = value;
    bytes += Buffer.byteLength(key) + Buffer.byteLength(value);
  }
  if (bytes > MAX_METADATA_BYTES)
    throw new S3Error('MetadataTooLarge', undefined, { Size: String(bytes), MaxSizeAllowed: String(MAX_METADATA_BYTES) });
  return { headers, metadata };
}

/** Response headers for a stored object's representation and metadata. */
export function storedHeadersOut(headers: Record<string, string>, metadata: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = { ...headers };
  for (const [k, v] of Object.entries(metadata)) out[`x-amz-meta-${k}`] = v;
  return out;
}

/** S3 accepts canned ACLs only as "the owner has everything" (Object Ownership: bucket owner enforced). */
export function checkCannedAcl(ctx: S3Context): void {
  const acl = ctx.input.header('x-amz-acl');
  if (acl !== undefined && acl !== 'private' && acl !== 'bucket-owner-full-control') throw new S3Error('AccessControlListNotSupported');
  for (const name of [
    'x-amz-grant-full-control',
    'x-amz-grant-read',
    'x-amz-grant-read-acp',
    'x-amz-grant-write',
    'x-amz-grant-write-acp',
  ]) {
    if (ctx.input.header(name) !== undefined) throw new S3Error('AccessControlListNotSupported');
  }
}

/** Keys are at most 1024 bytes of UTF-8. */
export function checkKey(key: string): void {
  if (Buffer.byteLength(key) > 1024)
    throw new S3Error('KeyTooLongError', undefined, { MaxSizeAllowed: '1024', Size: String(Buffer.byteLength(key)) });
}
