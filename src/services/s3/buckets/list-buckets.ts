import { el, xmlDocument, xmlTime } from '../../../protocol/rest-xml/xml-writer.js';
import { InvalidMarkerError, type S3Bucket } from '../../../storage/store.js';
import { defineS3Operation } from '../s3-context.js';
import { S3Error } from '../s3-errors.js';
import { ownerXml } from '../canonical-user.js';

const PAGE = 1000;

/** ListBuckets: the caller's account's buckets only (a role session: the role's account). */
export const listBuckets = defineS3Operation({
  name: 'ListBuckets',
  scope: 'service',
  readOnly: true,
  dataEvent: false,
  body: 'none',
  async handler(ctx) {
    await ctx.authorize({ action: 's3:ListAllMyBuckets' });
    const accountId = ctx.caller!.accountId;
    const q = ctx.input.query;
    const maxText = q.get('max-buckets');
    const max = maxText === undefined ? undefined : Number(maxText);
    if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > 10000)) {
      throw new S3Error('InvalidArgument', 'Argument max-buckets must be an integer between 1 and 10000.');
    }
    const prefix = q.get('prefix') || undefined;
    const region = q.get('bucket-region') || undefined;
    const buckets: S3Bucket[] = [];
    let after = q.get('continuation-token') || undefined;
    let next: string | undefined;
    for (;;) {
      const limit = max === undefined ? PAGE : Math.min(PAGE, max - buckets.length);
      let page;
      try {
        page = await ctx.store.s3Buckets.list(accountId, { after, limit, prefix });
      } catch (error) {
        // Only a token the store cannot read is the caller's fault; anything else (a database
        // outage) stays a server error.
        if (error instanceof InvalidMarkerError) throw new S3Error('InvalidArgument', 'The continuation token provided is incorrect');
        throw error;
      }
      buckets.push(...page.items.filter((b) => region === undefined || b.region === region));
      after = page.nextMarker;
      if (after === undefined) break;
      if (max !== undefined && buckets.length >= max) {
        next = after;
        break;
      }
    }
    return {
      xml: xmlDocument('ListAllMyBucketsResult', [
        ownerXml(accountId),
        el(
          'Buckets',
          buckets.map((b) => el('Bucket', [el('Name', b.name), el('CreationDate', xmlTime(b.createDate)), el('BucketRegion', b.region)])),
        ),
        el('ContinuationToken', next),
        el('Prefix', prefix),
      ]),
    };
  },
});
