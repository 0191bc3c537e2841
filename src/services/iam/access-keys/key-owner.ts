import { AwsError } from '../../../errors/aws-error.js';
import { isoSeconds } from '../../../kernel/iso-time.js';
import type { AccessKey } from '../../../model/entities.js';
import type { Store } from '../../../storage/store.js';
import type { OperationContext } from '../../operation.js';
import { impliedUserName, requireUser } from '../shared/lookups.js';

/**
 * Whose keys an access-key call manages: the named user, else the calling user, else (for the
 * account root) the root's own keys, shown as null. Users are returned with their stored casing,
 * since keys record the owner's name as stored.
 */
export async function keyOwner(ctx: OperationContext, store: Store, userName: string | undefined): Promise<string | null> {
  const name = impliedUserName(ctx, userName);
  if (name === null) return null;
  return (await requireUser({ ...ctx, store }, name)).userName;
}

/** A key of that owner in the caller's account, or AWS's NoSuchEntity text (reference §4.5). */
export async function requireOwnedKey(ctx: OperationContext, store: Store, owner: string | null, accessKeyId: string): Promise<AccessKey> {
  const key = await store.accessKeys.get(accessKeyId);
  const sameOwner =
    key !== undefined && (key.userName === null ? owner === null : owner !== null && key.userName.toLowerCase() === owner.toLowerCase());
  if (!key || key.accountId !== ctx.caller.accountId || !sameOwner) {
    throw new AwsError('NoSuchEntity', `The Access Key with id ${accessKeyId} cannot be found.`);
  }
  return key;
}

/**
 * `AccessKeyMetadata` items. Root keys have no IAM user name; AWS's exact value there is not
 * recorded, so the member is left out rather than invented.
 */
export function accessKeyMetadataView(key: AccessKey) {
  return {
    UserName: key.userName ?? undefined,
    AccessKeyId: key.accessKeyId,
    Status: key.status,
    CreateDate: isoSeconds(key.createDate),
  };
}
