import { AwsError } from '../../../errors/aws-error.js';
import { isoSeconds } from '../../../kernel/iso-time.js';
import { shape } from '../../../model/shapes.js';
import type { Store } from '../../../storage/store.js';
import type { OperationContext } from '../../operation.js';
import { impliedUserName, requireUser } from '../shared/lookups.js';
import type { StoredRecord } from '../shared/records.js';
import { signingCertificates, type SigningCertificateValue } from './signing-certificate-record.js';

/**
 * Whose signing certificates a call manages: the named user, else the calling user, else (the
 * account root calling without UserName) the root's own, owned by the account id.
 */
export interface CertificateOwner {
  ownerId: string;
  userName?: string;
}

export async function certificateOwner(ctx: OperationContext, store: Store, userName: string | undefined): Promise<CertificateOwner> {
  const name = impliedUserName(ctx, userName);
  if (name === null) return { ownerId: ctx.caller.accountId };
  const user = await requireUser({ ...ctx, store }, name);
  return { ownerId: user.userId, userName: user.userName };
}

/** The owner's certificate with that id, or AWS's NoSuchEntity text. */
export async function requireOwnedCertificate(
  ctx: OperationContext,
  store: Store,
  owner: CertificateOwner,
  certificateId: string,
): Promise<StoredRecord<SigningCertificateValue>> {
  const record = await signingCertificates.get(store, ctx.caller.accountId, certificateId);
  if (!record || record.ownerId !== owner.ownerId) {
    throw new AwsError('NoSuchEntity', `The Certificate with id ${certificateId} cannot be found.`);
  }
  return record;
}

const text = shape.string();

/** IAM's `SigningCertificate`, in the model's member order. */
export const signingCertificateOutput = shape.struct({
  UserName: text,
  CertificateId: text,
  CertificateBody: text,
  Status: text,
  UploadDate: text,
});

/** The root's certificates have no IAM user name: the member is left out rather than invented. */
export function signingCertificateView(record: StoredRecord<SigningCertificateValue>) {
  return {
    UserName: record.value.userName,
    CertificateId: record.value.certificateId,
    CertificateBody: record.value.certificateBody,
    Status: record.value.status,
    UploadDate: isoSeconds(record.value.uploadDate),
  };
}
