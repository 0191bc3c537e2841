import { el, type Xml, xmlDocument, xmlTime } from '../../../protocol/rest-xml/xml-writer.js';
import type { S3Object } from '../../../storage/store.js';
import { defineS3Operation, type S3Context } from '../s3-context.js';
import { S3Error } from '../s3-errors.js';
import { loadBucket } from '../bucket-lookup.js';
import { ownerXml } from '../canonical-user.js';
import { quoteEtag } from '../object-headers.js';
import { decodeContinuation, encodeContinuation, type ListStart, listKeys, startAfter } from './list-keys.js';

interface ListParams {
  prefix: string;
  delimiter?: string;
  maxKeys: number;
  encode: (text: string) => string;
  encodingType?: string;
}

/** `encoding-type=url`: S3 percent-encodes keys and prefixes (the CLI always asks for it). */
function urlEncode(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%2F/g, '/');
}

function params(ctx: S3Context): ListParams {
  const q = ctx.input.query;
  const maxText = q.get('max-keys');
  let maxKeys = 1000;
  if (maxText !== undefined) {
    const n = Number(maxText);
    if (!/^\d+$/.test(maxText) || !Number.isSafeInteger(n))
      throw new S3Error('InvalidArgument', 'Provided max-keys not an integer or within integer range', {
        ArgumentName: 'max-keys',
        ArgumentValue: maxText,
      });
    maxKeys = Math.min(n, 1000);
  }
  const encodingType = q.get('encoding-type');
  if (encodingType !== undefined && encodingType !== 'url')
    throw new S3Error('InvalidArgument', 'Invalid Encoding Method specified in Request', {
      ArgumentName: 'encoding-type',
      ArgumentValue: encodingType,
    });
  const delimiter = q.get('delimiter') || undefined;
  return { prefix: q.get('prefix') ?? '', delimiter, maxKeys, encodingType, encode: encodingType === 'url' ? urlEncode : (t) => t };
}

/** s3:prefix, s3:delimiter and s3:max-keys, each present only when the request sent it. */
function listContext(ctx: S3Context): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['prefix', 'delimiter', 'max-keys']) {
    const v = ctx.input.query.get(name);
    if (v !== undefined) out[`s3:${name}`] = v;
  }
  return out;
}

/** One key; `ownerAccount` adds its Owner (ListObjects always, ListObjectsV2 with fetch-owner). */
function contents(o: S3Object, p: ListParams, ownerAccount: string | undefined): Xml {
  return el('Contents', [
    el('Key', p.encode(o.key)),
    el('LastModified', xmlTime(o.lastModified)),
    el('ETag', quoteEtag(o.etag)),
    o.checksum ? el('ChecksumAlgorithm', o.checksum.algorithm) : undefined,
    el('Size', o.size),
    el('StorageClass', 'STANDARD'),
    ownerAccount === undefined ? undefined : ownerXml(ownerAccount),
  ]);
}

export const listObjectsV2 = defineS3Operation({
  name: 'ListObjectsV2',
  scope: 'bucket',
  readOnly: true,
  dataEvent: true,
  body: 'none',
  async handler(ctx) {
    const bucket = await loadBucket(ctx);
    await ctx.authorize({ action: 's3:ListBucket', bucket, context: listContext(ctx) });
    const p = params(ctx);
    const q = ctx.input.query;
    const token = q.get('continuation-token');
    let start: ListStart | undefined;
    if (token !== undefined) {
      start = decodeContinuation(token);
      if (!start)
        throw new S3Error('InvalidArgument', 'The continuation token provided is incorrect', { ArgumentName: 'continuation-token' });
    } else if (q.get('start-after')) {
      start = startAfter(q.get('start-after')!, p.prefix, p.delimiter);
    }
    const listed = await listKeys(ctx.store, bucket.name, { prefix: p.prefix, delimiter: p.delimiter, start, maxKeys: p.maxKeys });
    const fetchOwner = q.get('fetch-owner') === 'true';
    return {
      xml: xmlDocument('ListBucketResult', [
        el('Name', bucket.name),
        el('Prefix', p.encode(p.prefix)),
        el('Delimiter', p.delimiter === undefined ? undefined : p.encode(p.delimiter)),
        el('MaxKeys', p.maxKeys),
        el('EncodingType', p.encodingType),
        el('KeyCount', listed.entries.length),
        el('IsTruncated', listed.truncated),
        el('ContinuationToken', token),
        el('NextContinuationToken', listed.truncated && listed.next ? encodeContinuation(listed.next) : undefined),
        el('StartAfter', q.get('start-after') ? p.encode(q.get('start-after')!) : undefined),
        listed.entries.filter((e) => e.object).map((e) => contents(e.object!, p, fetchOwner ? bucket.accountId : undefined)),
        listed.entries
          .filter((e) => e.commonPrefix !== undefined)
          .map((e) => el('CommonPrefixes', [el('Prefix', p.encode(e.commonPrefix!))])),
      ]),
    };
  },
});

export const listObjects = defineS3Operation({
  name: 'ListObjects',
  scope: 'bucket',
  readOnly: true,
  dataEvent: true,
  body: 'none',
  async handler(ctx) {
    const bucket = await loadBucket(ctx);
    await ctx.authorize({ action: 's3:ListBucket', bucket, context: listContext(ctx) });
    const p = params(ctx);
    const marker = ctx.input.query.get('marker') ?? '';
    const start = marker === '' ? undefined : startAfter(marker, p.prefix, p.delimiter);
    const listed = await listKeys(ctx.store, bucket.name, { prefix: p.prefix, delimiter: p.delimiter, start, maxKeys: p.maxKeys });
    // NextMarker only with a delimiter: without one, clients resume from the last key listed.
    const nextMarker = listed.truncated && p.delimiter !== undefined ? listed.next?.after : undefined;
    return {
      xml: xmlDocument('ListBucketResult', [
        el('Name', bucket.name),
        el('Prefix', p.encode(p.prefix)),
        el('Marker', p.encode(marker)),
        el('NextMarker', nextMarker === undefined ? undefined : p.encode(nextMarker)),
        el('MaxKeys', p.maxKeys),
        el('Delimiter', p.delimiter === undefined ? undefined : p.encode(p.delimiter)),
        el('EncodingType', p.encodingType),
        el('IsTruncated', listed.truncated),
        listed.entries.filter((e) => e.object).map((e) => contents(e.object!, p, bucket.accountId)),
        listed.entries
          .filter((e) => e.commonPrefix !== undefined)
          .map((e) => el('CommonPrefixes', [el('Prefix', p.encode(e.commonPrefix!))])),
      ]),
    };
  },
});
