import { AwsError } from '../../../errors/aws-error.js';
import { isoSeconds } from '../../../kernel/iso-time.js';
import { RECORD_KINDS } from '../../../model/record-kinds.js';
import { shape } from '../../../model/shapes.js';
import type { Store } from '../../../storage/store.js';
import type { OperationContext } from '../../operation.js';
import { requireUser } from '../shared/lookups.js';
import { recordKind, type StoredRecord } from '../shared/records.js';

/**
 * An SSH public key (UploadSSHPublicKey), as stored: record name is the SSHPublicKeyId (APKA…),
 * `ownerId` the user's unique id. Both encodings are kept, the one uploaded as given, so either
 * GetSSHPublicKey Encoding answers without converting. Times are epoch ms.
 */
export interface SshPublicKeyValue {
  sshPublicKeyId: string;
  userName: string;
  fingerprint: string;
  sshBody: string;
  pemBody: string;
  status: 'Active' | 'Inactive';
  uploadDate: number;
}

export const sshPublicKeys = recordKind<SshPublicKeyValue>(RECORD_KINDS.sshPublicKey);

/** The user's key with that id, or AWS's NoSuchEntity texts (the user first, then the key). */
export async function requireUserKey(
  ctx: OperationContext,
  store: Store,
  userName: string,
  keyId: string,
): Promise<StoredRecord<SshPublicKeyValue>> {
  const user = await requireUser({ ...ctx, store }, userName);
  const record = await sshPublicKeys.get(store, ctx.caller.accountId, keyId);
  if (!record || record.ownerId !== user.userId) throw new AwsError('NoSuchEntity', `The Public Key with id ${keyId} cannot be found.`);
  return record;
}

const text = shape.string();

/** IAM's `SSHPublicKey`, in the model's member order. */
export const sshPublicKeyOutput = shape.struct({
  UserName: text,
  SSHPublicKeyId: text,
  Fingerprint: text,
  SSHPublicKeyBody: text,
  Status: text,
  UploadDate: text,
});

/** IAM's `SSHPublicKeyMetadata`. */
export const sshPublicKeyMetadataOutput = shape.struct({ UserName: text, SSHPublicKeyId: text, Status: text, UploadDate: text });

export function sshPublicKeyView(record: StoredRecord<SshPublicKeyValue>, encoding: 'SSH' | 'PEM') {
  const v = record.value;
  return {
    UserName: v.userName,
    SSHPublicKeyId: v.sshPublicKeyId,
    Fingerprint: v.fingerprint,
    SSHPublicKeyBody: encoding === 'SSH' ? v.sshBody : v.pemBody,
    Status: v.status,
    UploadDate: isoSeconds(v.uploadDate),
  };
}

export function sshPublicKeyMetadataView(record: StoredRecord<SshPublicKeyValue>) {
  const v = record.value;
  return { UserName: v.userName, SSHPublicKeyId: v.sshPublicKeyId, Status: v.status, UploadDate: isoSeconds(v.uploadDate) };
}

/** Input members, with the model's constraints. */
export const sshMember = {
  userName: () => shape.string({ required: true, min: 1, max: 64, pattern: /^[\w+=,.@-]+$/, patternText: '[\\w+=,.@-]+' }),
  optionalUserName: () => shape.string({ min: 1, max: 64, pattern: /^[\w+=,.@-]+$/, patternText: '[\\w+=,.@-]+' }),
  keyId: () => shape.string({ required: true, min: 20, max: 128, pattern: /^\w+$/, patternText: '[\\w]+' }),
  status: () => shape.string({ required: true, enum: ['Active', 'Inactive', 'Expired'] }),
};
