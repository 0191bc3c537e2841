import { AwsError } from '../../../errors/aws-error.js';
import { iamArn } from '../../../model/arns.js';
import type { Role, Tag } from '../../../model/entities.js';
import { RECORD_KINDS } from '../../../model/record-kinds.js';
import type { Store } from '../../../storage/store.js';
import type { OperationContext } from '../../operation.js';
import { recordKind, type StoredRecord } from '../shared/records.js';

/**
 * An instance profile, as stored: the record's name is the profile name, its path the profile's
 * path, and its `ownerId` the unique id (AROA…) of the role in it — absent while it is empty, so
 * "the profiles of this role" is the store's owner lookup. AWS allows one role per profile.
 */
export interface InstanceProfileValue {
  instanceProfileId: string;
  /** Case-sensitive keys, as for every IAM resource but users and roles (reference §4.1). */
  tags: Tag[];
  /** The role in the profile (the same id as the record's ownerId). */
  roleId?: string;
}

export type InstanceProfileRecord = StoredRecord<InstanceProfileValue>;

export const instanceProfiles = recordKind<InstanceProfileValue>(RECORD_KINDS.instanceProfile);

export const instanceProfileArn = (record: Pick<InstanceProfileRecord, 'accountId' | 'path' | 'name'>): string =>
  iamArn(record.accountId, 'instance-profile', record.path, record.name);

export async function requireInstanceProfile(ctx: OperationContext, name: string): Promise<InstanceProfileRecord> {
  const record = await instanceProfiles.get(ctx.store, ctx.caller.accountId, name);
  if (!record) throw new AwsError('NoSuchEntity', `Instance Profile ${name} cannot be found.`);
  return record;
}

/** The profile's real ARN (with its path) for authorization; the root path when it does not exist. */
export async function instanceProfileResource(ctx: OperationContext, name: string): Promise<string> {
  const record = await instanceProfiles.get(ctx.store, ctx.caller.accountId, name);
  return record ? instanceProfileArn(record) : iamArn(ctx.caller.accountId, 'instance-profile', '/', name);
}

/**
 * The role an instance profile holds, or undefined (no such profile, or an empty one): what a
 * process started with an instance profile will run as.
 */
export async function instanceProfileRole(store: Store, accountId: string, profileName: string): Promise<Role | undefined> {
  const record = await instanceProfiles.get(store, accountId, profileName);
  if (record?.value.roleId === undefined) return undefined;
  const role = await store.roles.getById(record.value.roleId);
  return role?.accountId === accountId ? role : undefined;
}
