import { AwsError } from '../../../errors/aws-error.js';
import { isoSeconds } from '../../../kernel/iso-time.js';
import { shape } from '../../../model/shapes.js';
import type { Store } from '../../../storage/store.js';
import type { StoredRecord } from '../shared/records.js';
import { serverCertificateArn, serverCertificates, type ServerCertificateValue } from './server-certificate-record.js';

const text = shape.string();

/** IAM's `ServerCertificateMetadata`, in the model's member order. */
export const serverCertificateMetadataOutput = shape.struct({
  Path: text,
  ServerCertificateName: text,
  ServerCertificateId: text,
  Arn: text,
  UploadDate: text,
  Expiration: text,
});

export function serverCertificateMetadataView(record: StoredRecord<ServerCertificateValue>) {
  return {
    Path: record.path,
    ServerCertificateName: record.name,
    ServerCertificateId: record.value.serverCertificateId,
    Arn: serverCertificateArn(record.accountId, record.path, record.name),
    UploadDate: isoSeconds(record.value.uploadDate),
    Expiration: isoSeconds(record.value.expiration),
  };
}

/** The certificate of that name in the account, or AWS's NoSuchEntity text. */
export async function requireServerCertificate(
  store: Store,
  accountId: string,
  name: string,
): Promise<StoredRecord<ServerCertificateValue>> {
  const record = await serverCertificates.get(store, accountId, name);
  if (!record) throw new AwsError('NoSuchEntity', `The Server Certificate with name ${name} cannot be found.`);
  return record;
}

/** Authorization resource: the certificate's real ARN (with its path), or the root path when it is missing. */
export async function serverCertificateResource(store: Store, accountId: string, name: string): Promise<string> {
  const record = await serverCertificates.get(store, accountId, name);
  return serverCertificateArn(accountId, record?.path ?? '/', record?.name ?? name);
}
