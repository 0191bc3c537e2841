import { childText } from '../../../protocol/rest-xml/xml-reader.js';
import { DuplicateError, type S3Bucket } from '../../../storage/store.js';
import { checkBucketName } from '../bucket-names.js';
import { defineS3Operation, type S3Context } from '../s3-context.js';
import { S3Error } from '../s3-errors.js';
import { checkCannedAcl } from '../object-headers.js';
import { verifyBufferedBody, xmlBody } from '../request-body.js';

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** The bucket's region: its LocationConstraint, or us-east-1 when sent to us-east-1 without one. */
function regionOf(ctx: S3Context): string {
  let constraint: string | undefined;
  if (ctx.input.body.length > 0) {
    verifyBufferedBody(ctx);
    constraint = childText(xmlBody(ctx, 'CreateBucketConfiguration'), 'LocationConstraint')?.trim() || undefined;
  }
  if (constraint === undefined) {
    if (ctx.region !== 'us-east-1') throw new S3Error('IllegalLocationConstraintException');
    return 'us-east-1';
  }
  if (constraint === 'us-east-1' || !REGION.test(constraint))
    throw new S3Error('InvalidLocationConstraint', undefined, { LocationConstraint: constraint });
  // The us-east-1 endpoint creates buckets anywhere; a regional endpoint only in its own region.
  if (ctx.region !== 'us-east-1' && ctx.region !== constraint) {
    throw new S3Error(
      'IllegalLocationConstraintException',
      `The ${constraint} location constraint is incompatible for the region specific endpoint this request was sent to.`,
    );
  }
  return constraint;
}

export const createBucket = defineS3Operation({
  name: 'CreateBucket',
  scope: 'bucket',
  readOnly: false,
  dataEvent: false,
  body: 'xml',
  maxBodyBytes: 64 * 1024,
  async handler(ctx) {
    const name = ctx.input.bucket;
    checkBucketName(name);
    const region = regionOf(ctx);
    await ctx.authorize({ action: 's3:CreateBucket', bucketName: name, context: { 's3:LocationConstraint': region } });
    checkCannedAcl(ctx);
    const accountId = ctx.caller!.accountId;
    const bucket: S3Bucket = { name, accountId, region, createDate: ctx.now };
    try {
      await ctx.store.s3Buckets.create(bucket);
    } catch (error) {
      if (!(error instanceof DuplicateError)) throw error;
      const existing = await ctx.store.s3Buckets.get(name);
      if (existing?.accountId !== accountId) throw new S3Error('BucketAlreadyExists', undefined, { BucketName: name });
      // Legacy behaviour of us-east-1: creating a bucket you already own there succeeds.
      if (!(ctx.region === 'us-east-1' && existing.region === 'us-east-1')) {
        throw new S3Error('BucketAlreadyOwnedByYou', undefined, { BucketName: name });
      }
    }
    return { headers: { Location: `/${name}` } };
  },
});
