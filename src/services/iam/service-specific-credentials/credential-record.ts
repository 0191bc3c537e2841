import { AwsError } from '../../../errors/aws-error.js';
import { isoSeconds } from '../../../kernel/iso-time.js';
import { RECORD_KINDS } from '../../../model/record-kinds.js';
import { shape } from '../../../model/shapes.js';
import type { Store } from '../../../storage/store.js';
import { recordKind, type StoredRecord } from '../shared/records.js';

/**
 * A service-specific credential, as stored: record name is the ServiceSpecificCredentialId
 * (ACCA…), `ownerId` the user's unique id. The password (or API key secret) is shown once and
 * kept only as a SHA-256 hash, enough for a future service to check it. Times are epoch ms.
 */
export interface ServiceCredentialValue {
  serviceSpecificCredentialId: string;
  userName: string;
  serviceName: string;
  /** CodeCommit, Keyspaces: `<user>-at-<account>`. */
  serviceUserName?: string;
  /** Bedrock, CloudWatch Logs API keys: the public part of the key. */
  serviceCredentialAlias?: string;
  secretHash: string;
  status: 'Active' | 'Inactive';
  createDate: number;
  expirationDate?: number;
}

export const serviceCredentials = recordKind<ServiceCredentialValue>(RECORD_KINDS.serviceSpecificCredential);

/** The user's credential with that id, or AWS's NoSuchEntity text. */
export async function requireCredential(
  store: Store,
  accountId: string,
  ownerId: string,
  credentialId: string,
): Promise<StoredRecord<ServiceCredentialValue>> {
  const record = await serviceCredentials.get(store, accountId, credentialId);
  if (!record || record.ownerId !== ownerId) throw new AwsError('NoSuchEntity', `No such credential ${credentialId} exists`);
  return record;
}

/** `Expired` once an API key's expiration date has passed, whatever its stored status. */
export function effectiveStatus(v: ServiceCredentialValue, now: number): 'Active' | 'Inactive' | 'Expired' {
  return v.expirationDate !== undefined && v.expirationDate <= now ? 'Expired' : v.status;
}

const text = shape.string();

/** IAM's `ServiceSpecificCredential` (Create and Reset: with the secret), in the model's order. */
export const serviceCredentialOutput = shape.struct({
  CreateDate: text,
  ExpirationDate: text,
  ServiceName: text,
  ServiceUserName: text,
  ServicePassword: shape.string({ sensitive: true }),
  ServiceCredentialAlias: text,
  ServiceCredentialSecret: shape.string({ sensitive: true }),
  ServiceSpecificCredentialId: text,
  UserName: text,
  Status: text,
});

/** IAM's `ServiceSpecificCredentialMetadata`. */
export const serviceCredentialMetadataOutput = shape.struct({
  UserName: text,
  Status: text,
  ServiceUserName: text,
  ServiceCredentialAlias: text,
  CreateDate: text,
  ExpirationDate: text,
  ServiceSpecificCredentialId: text,
  ServiceName: text,
});

/** Create/Reset's view: the secret goes in ServicePassword or, for API keys, ServiceCredentialSecret. */
export function serviceCredentialView(record: StoredRecord<ServiceCredentialValue>, secret: string, now: number) {
  const v = record.value;
  const apiKey = v.serviceCredentialAlias !== undefined;
  return {
    CreateDate: isoSeconds(v.createDate),
    ExpirationDate: v.expirationDate !== undefined ? isoSeconds(v.expirationDate) : undefined,
    ServiceName: v.serviceName,
    ServiceUserName: v.serviceUserName,
    ServicePassword: apiKey ? undefined : secret,
    ServiceCredentialAlias: v.serviceCredentialAlias,
    ServiceCredentialSecret: apiKey ? secret : undefined,
    ServiceSpecificCredentialId: v.serviceSpecificCredentialId,
    UserName: v.userName,
    Status: effectiveStatus(v, now),
  };
}

export function serviceCredentialMetadataView(record: StoredRecord<ServiceCredentialValue>, now: number) {
  const v = record.value;
  return {
    UserName: v.userName,
    Status: effectiveStatus(v, now),
    ServiceUserName: v.serviceUserName,
    ServiceCredentialAlias: v.serviceCredentialAlias,
    CreateDate: isoSeconds(v.createDate),
    ExpirationDate: v.expirationDate !== undefined ? isoSeconds(v.expirationDate) : undefined,
    ServiceSpecificCredentialId: v.serviceSpecificCredentialId,
    ServiceName: v.serviceName,
  };
}
