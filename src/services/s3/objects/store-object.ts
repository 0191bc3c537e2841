import { DuplicateError, type S3Object } from '../../../storage/store.js';
import type { ReceivedBlob } from '../files/object-files.js';
import type { S3Context } from '../s3-context.js';
import { S3Error } from '../s3-errors.js';

/**
 * Makes received data the object's current version: the file is moved into place, then the
 * metadata row written (the moment it becomes visible), then the replaced version's file removed.
 * `ifAbsent` (If-None-Match: *) refuses to replace an existing key: PreconditionFailed.
 */
export async function storeObject(
  ctx: S3Context,
  received: ReceivedBlob,
  object: Omit<S3Object, 'blobId'>,
  ifAbsent = false,
): Promise<S3Object> {
  const blobId = await received.commit();
  // Object.assign, not spread: see src/services/sts/shared/mint.ts (young-generation survivors).
  const full: S3Object = Object.assign({}, object, { blobId });
  let replaced: S3Object | undefined;
  try {
    if (ifAbsent) await ctx.store.s3Objects.create(full);
    else replaced = await ctx.store.s3Objects.put(full);
  } catch (error) {
    await ctx.files.remove([blobId]);
    if (error instanceof DuplicateError) throw new S3Error('PreconditionFailed', undefined, { Condition: 'If-None-Match' });
    throw error;
  }
  if (replaced) await ctx.files.remove([replaced.blobId]);
  return full;
}
