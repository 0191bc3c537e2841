import { childrenNamed, childText } from '../../../protocol/rest-xml/xml-reader.js';
import { el, type Xml, xmlDocument } from '../../../protocol/rest-xml/xml-writer.js';
import { defineS3Operation } from '../s3-context.js';
import { S3Error } from '../s3-errors.js';
import { loadBucket } from '../bucket-lookup.js';
import { verifyBufferedBody, xmlBody } from '../request-body.js';

/** S3's limit: more keys than this is MalformedXML. */
export const MAX_DELETE_KEYS = 1000;
/**
 * The most elements a valid Delete document holds: Delete, Quiet, and per key Object with Key,
 * VersionId, ETag, LastModifiedTime and Size. The reader stops beyond it, so a document listing
 * 60,000 keys is refused after reading about 6,000 elements instead of all of them.
 */
const MAX_DELETE_ELEMENTS = 2 + MAX_DELETE_KEYS * 6;

/**
 * DeleteObjects: up to 1000 keys, each authorized on its own (s3:DeleteObject); a key the caller
 * may not delete is reported in the result, it does not fail the request. Quiet mode lists only
 * the failures.
 */
export const deleteObjects = defineS3Operation({
  name: 'DeleteObjects',
  scope: 'bucket',
  readOnly: false,
  dataEvent: true,
  body: 'xml',
  async handler(ctx) {
    const bucket = await loadBucket(ctx);
    verifyBufferedBody(ctx);
    const doc = xmlBody(ctx, 'Delete', MAX_DELETE_ELEMENTS);
    const quiet = childText(doc, 'Quiet')?.trim().toLowerCase() === 'true';
    const objects = childrenNamed(doc, 'Object');
    if (objects.length === 0 || objects.length > MAX_DELETE_KEYS)
      throw new S3Error('MalformedXML', undefined, {}, `${objects.length} keys`);
    // Every key is checked before anything is deleted: a malformed document deletes nothing. No
    // stored key holds a NUL (s3-address.ts refuses them), and PostgreSQL could not look one up.
    const keys = objects.map((o) => childText(o, 'Key'));
    if (keys.some((key) => key === undefined || key.includes('\u0000'))) throw new S3Error('MalformedXML');
    const results: Xml[] = [];
    for (const key of keys as string[]) {
      if (!(await ctx.isAllowed({ action: 's3:DeleteObject', bucket, key }))) {
        results.push(el('Error', [el('Key', key), el('Code', 'AccessDenied'), el('Message', 'Access Denied')]));
        continue;
      }
      const removed = await ctx.store.s3Objects.delete(bucket.name, key);
      if (removed) await ctx.files.remove([removed.blobId]);
      if (!quiet) results.push(el('Deleted', [el('Key', key)]));
    }
    return { xml: xmlDocument('DeleteResult', results) };
  },
});
