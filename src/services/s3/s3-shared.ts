import { createHash } from 'node:crypto';
import type { Tag } from '../../model/entities.js';
import { childrenNamed, childText, parseXml, type XmlElement, XmlSyntaxError } from '../../protocol/rest-xml/xml-reader.js';
import { el, type Xml } from '../../protocol/rest-xml/xml-writer.js';
import type { S3Bucket } from '../../storage/store.js';
import { checksumAlgorithmOf, checksumHeader, CHECKSUM_ALGORITHMS, CHECKSUM_BYTES, newChecksummer } from './files/checksums.js';
import type { S3Context } from './s3-context.js';
import { S3Error } from './s3-errors.js';

/** Objects and parts: at most 5 GiB each (a single PUT, and a part); parts other than the last at least 5 MiB. */
export const MAX_OBJECT_BYTES = 5 * 1024 ** 3;
export const MIN_PART_BYTES = 5 * 1024 ** 2;

/** The addressed bucket, or NoSuchBucket. Also applies x-amz-expected-bucket-owner. */
export async function loadBucket(ctx: S3Context): Promise<S3Bucket> {
  const name = ctx.input.bucket!;
  const bucket = await ctx.store.s3Buckets.get(name);
  if (!bucket) throw new S3Error('NoSuchBucket', undefined, { BucketName: name });
  const expected = ctx.input.header('x-amz-expected-bucket-owner');
  if (expected !== undefined && expected !== bucket.accountId) throw new S3Error('AccessDenied', undefined, {}, 'expected bucket owner differs');
  return bucket;
}

/**
 * S3's 64-hex canonical user id. keysmith derives it from the account id, so an account has one
 * stable id without storing it.
 */
export function canonicalUserId(accountId: string): string {
  return createHash('sha256').update(`keysmith-canonical-user:${accountId}`).digest('hex');
}

export function ownerXml(accountId: string, name = 'Owner'): Xml {
  return el(name, [el('ID', canonicalUserId(accountId))]);
}

export function quoteEtag(etag: string): string {
  return `"${etag}"`;
}

export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** Parses the request's XML document (MalformedXML when it is not one, or its root is wrong). */
export function xmlBody(ctx: S3Context, root: string): XmlElement {
  let doc: XmlElement;
  try {
    doc = parseXml(ctx.input.body.toString('utf8'));
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw new S3Error('MalformedXML', undefined, {}, error.message);
    throw error;
  }
  if (doc.name !== root) throw new S3Error('MalformedXML', undefined, {}, `root <${doc.name}>, expected <${root}>`);
  return doc;
}

/** Content-MD5, base64 of 16 bytes, when the request carries one. */
export function contentMd5(ctx: S3Context): Buffer | undefined {
  const header = ctx.input.header('content-md5');
  if (header === undefined) return undefined;
  const digest = Buffer.from(header, 'base64');
  if (digest.length !== 16 || digest.toString('base64') !== header.trim()) throw new S3Error('InvalidDigest');
  return digest;
}

/** The one x-amz-checksum-<algorithm> header a request carries (InvalidRequest for several). */
export function checksumFromHeaders(ctx: S3Context): { algorithm: (typeof CHECKSUM_ALGORITHMS)[number]; value: string } | undefined {
  let found: { algorithm: (typeof CHECKSUM_ALGORITHMS)[number]; value: string } | undefined;
  for (const algorithm of CHECKSUM_ALGORITHMS) {
    const value = ctx.input.header(checksumHeader(algorithm));
    if (value === undefined) continue;
    if (found) throw new S3Error('InvalidRequest', 'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.');
    found = { algorithm, value: value.trim() };
  }
  return found;
}

export function checkChecksumShape(algorithm: (typeof CHECKSUM_ALGORITHMS)[number], value: string, where = 'header'): void {
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length !== CHECKSUM_BYTES[algorithm] || bytes.toString('base64') !== value) {
    throw new S3Error('InvalidRequest', `Value for ${checksumHeader(algorithm)} ${where} is invalid.`);
  }
}

export function checksumMismatch(algorithm: string): S3Error {
  return new S3Error('BadDigest', `The ${algorithm} you specified did not match the calculated checksum.`);
}

/** Checks Content-MD5 and an x-amz-checksum-* header against a buffered body. */
export function verifyBufferedBody(ctx: S3Context): void {
  const body = ctx.input.body;
  const md5 = contentMd5(ctx);
  if (md5 && !createHash('md5').update(body).digest().equals(md5)) throw new S3Error('BadDigest');
  const checksum = checksumFromHeaders(ctx);
  if (checksum) {
    checkChecksumShape(checksum.algorithm, checksum.value);
    const c = newChecksummer(checksum.algorithm);
    c.update(body);
    if (c.digestBase64() !== checksum.value) throw checksumMismatch(checksum.algorithm);
  }
}

export { checksumAlgorithmOf };

/** Representation headers S3 stores with an object and returns on GET/HEAD. */
export const STORED_HEADERS = ['content-type', 'content-encoding', 'content-disposition', 'content-language', 'cache-control', 'expires', 'x-amz-website-redirect-location'];
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
    const kept = headers['content-encoding'].split(',').map((v) => v.trim()).filter((v) => v !== '' && v !== 'aws-chunked');
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
  if (bytes > MAX_METADATA_BYTES) throw new S3Error('MetadataTooLarge', undefined, { Size: String(bytes), MaxSizeAllowed: String(MAX_METADATA_BYTES) });
  return { headers, metadata };
}

/** Response headers for a stored object's representation and metadata. */
export function storedHeadersOut(headers: Record<string, string>, metadata: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = { ...headers };
  for (const [k, v] of Object.entries(metadata)) out[`x-amz-meta-${k}`] = v;
  return out;
}

// ---- tags ----

export interface TagLimits {
  max: number;
}

const TAG_KEY_MAX = 128;
const TAG_VALUE_MAX = 256;

export function validateTags(tags: readonly Tag[], limits: TagLimits): void {
  if (tags.length > limits.max) throw new S3Error('InvalidTag', limits.max === 10 ? 'Object tags cannot be greater than 10' : 'Bucket tag count cannot be greater than 50');
  const seen = new Set<string>();
  for (const t of tags) {
    if (t.Key.length === 0 || [...t.Key].length > TAG_KEY_MAX) throw new S3Error('InvalidTag', 'The TagKey you have provided is invalid');
    if ([...t.Value].length > TAG_VALUE_MAX) throw new S3Error('InvalidTag', 'The TagValue you have provided is invalid');
    if (t.Key.toLowerCase().startsWith('aws:')) throw new S3Error('InvalidTag', 'System tags cannot be added/updated by requester');
    if (seen.has(t.Key)) throw new S3Error('InvalidTag', 'Cannot provide multiple Tags with the same key');
    seen.add(t.Key);
  }
}

/** `<Tagging><TagSet><Tag><Key/><Value/></Tag>…</TagSet></Tagging>` */
export function tagsFromXml(ctx: S3Context): Tag[] {
  const doc = xmlBody(ctx, 'Tagging');
  const set = childrenNamed(doc, 'TagSet');
  if (set.length !== 1) throw new S3Error('MalformedXML');
  return childrenNamed(set[0]!, 'Tag').map((t) => {
    const Key = childText(t, 'Key');
    const Value = childText(t, 'Value') ?? '';
    if (Key === undefined) throw new S3Error('MalformedXML');
    return { Key, Value };
  });
}

export function tagsXml(tags: readonly Tag[]): Xml {
  return el('TagSet', tags.map((t) => el('Tag', [el('Key', t.Key), el('Value', t.Value)])));
}

/** x-amz-tagging: `k1=v1&k2=v2`, URL-encoded. */
export function tagsFromHeader(value: string): Tag[] {
  const tags: Tag[] = [];
  for (const [Key, Value] of new URLSearchParams(value)) tags.push({ Key, Value });
  return tags;
}

/** s3:RequestObjectTag/<k> and s3:RequestObjectTagKeys for tags a request sets. */
export function requestTagContext(tags: readonly Tag[]): Record<string, string | string[]> {
  const ctx: Record<string, string | string[]> = { 's3:RequestObjectTagKeys': tags.map((t) => t.Key) };
  for (const t of tags) ctx[`s3:RequestObjectTag/${t.Key}`] = t.Value;
  return ctx;
}

/** s3:ExistingObjectTag/<k> for an object's current tags. */
export function existingTagContext(tags: readonly Tag[]): Record<string, string> {
  const ctx: Record<string, string> = {};
  for (const t of tags) ctx[`s3:ExistingObjectTag/${t.Key}`] = t.Value;
  return ctx;
}

/** S3 accepts canned ACLs only as "the owner has everything" (Object Ownership: bucket owner enforced). */
export function checkCannedAcl(ctx: S3Context): void {
  const acl = ctx.input.header('x-amz-acl');
  if (acl !== undefined && acl !== 'private' && acl !== 'bucket-owner-full-control') throw new S3Error('AccessControlListNotSupported');
  for (const name of ['x-amz-grant-full-control', 'x-amz-grant-read', 'x-amz-grant-read-acp', 'x-amz-grant-write', 'x-amz-grant-write-acp']) {
    if (ctx.input.header(name) !== undefined) throw new S3Error('AccessControlListNotSupported');
  }
}

/** Keys are at most 1024 bytes of UTF-8. */
export function checkKey(key: string): void {
  if (Buffer.byteLength(key) > 1024) throw new S3Error('KeyTooLongError', undefined, { MaxSizeAllowed: '1024', Size: String(Buffer.byteLength(key)) });
}
