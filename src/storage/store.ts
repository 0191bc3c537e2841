import type {
  AccessKey,
  Account,
  Attachment,
  Group,
  InlinePolicy,
  ManagedPolicy,
  PolicyVersion,
  PrincipalKind,
  Role,
  Tag,
  User,
} from '../model/entities.js';

/**
 * The storage port. Small, domain-shaped repositories; everything async so a network database fits.
 * Rules every backend must keep (the contract suite in test/storage/ checks them):
 * - names are unique per account ignoring case (`get…ByName` ignores case too);
 * - `create…` of a duplicate rejects with `DuplicateError`; updates/deletes of missing rows return false;
 * - lists are ordered by name (case-insensitive), then by the exact name, so pagination is stable;
 * - `transaction(fn)` runs fn atomically: if it throws, nothing it wrote remains.
 * Quotas, validation and AWS error texts are the services' job, not the store's.
 */
export interface Store {
  readonly accounts: AccountRepository;
  readonly users: UserRepository;
  readonly accessKeys: AccessKeyRepository;
  readonly groups: GroupRepository;
  readonly roles: RoleRepository;
  readonly inlinePolicies: InlinePolicyRepository;
  readonly managedPolicies: ManagedPolicyRepository;
  readonly attachments: AttachmentRepository;
  readonly settings: SettingsRepository;
  readonly mfaDevices: MfaDeviceRepository;
  readonly records: IamRecordRepository;
  readonly auditEvents: AuditEventRepository;
  readonly s3Buckets: S3BucketRepository;
  readonly s3Objects: S3ObjectRepository;
  readonly s3Uploads: S3UploadRepository;
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  /** Remove every row (test suites, behind the admin API's reset switch). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** Thrown by create operations that would break a uniqueness rule. */
export class DuplicateError extends Error {
  constructor(what: string) {
    super(`duplicate ${what}`);
    this.name = 'DuplicateError';
  }
}

export interface Page<T> {
  items: T[];
  /** Set when more rows follow; pass it back as `after`. */
  nextMarker?: string;
}

export interface ListOptions {
  /** Opaque marker from a previous page. */
  after?: string;
  limit: number;
  pathPrefix?: string;
}

export interface AccountRepository {
  create(account: Account): Promise<void>;
  get(accountId: string): Promise<Account | undefined>;
  list(): Promise<Account[]>;
}

export interface UserRepository {
  create(user: User): Promise<void>;
  getByName(accountId: string, userName: string): Promise<User | undefined>;
  getById(userId: string): Promise<User | undefined>;
  list(accountId: string, options: ListOptions): Promise<Page<User>>;
  /** Replace every field of the user with this id (rename included). */
  update(user: User): Promise<boolean>;
  delete(accountId: string, userId: string): Promise<boolean>;
  count(accountId: string): Promise<number>;
}

export interface AccessKeyRepository {
  create(key: AccessKey): Promise<void>;
  get(accessKeyId: string): Promise<AccessKey | undefined>;
  /** userName null lists the root's keys. Ordered by creation. */
  listForOwner(accountId: string, userName: string | null): Promise<AccessKey[]>;
  update(key: AccessKey): Promise<boolean>;
  delete(accessKeyId: string): Promise<boolean>;
  /** Rename the owner on every key of a user (UpdateUser NewUserName). */
  renameOwner(accountId: string, oldUserName: string, newUserName: string): Promise<void>;
}

export interface GroupRepository {
  create(group: Group): Promise<void>;
  getByName(accountId: string, groupName: string): Promise<Group | undefined>;
  getById(groupId: string): Promise<Group | undefined>;
  list(accountId: string, options: ListOptions): Promise<Page<Group>>;
  update(group: Group): Promise<boolean>;
  delete(accountId: string, groupId: string): Promise<boolean>;
  count(accountId: string): Promise<number>;
  addMember(groupId: string, userId: string): Promise<void>;
  removeMember(groupId: string, userId: string): Promise<boolean>;
  listMembers(groupId: string, options: ListOptions): Promise<Page<User>>;
  listGroupsForUser(userId: string, options: ListOptions): Promise<Page<Group>>;
}

export interface RoleRepository {
  create(role: Role): Promise<void>;
  getByName(accountId: string, roleName: string): Promise<Role | undefined>;
  getById(roleId: string): Promise<Role | undefined>;
  list(accountId: string, options: ListOptions): Promise<Page<Role>>;
  update(role: Role): Promise<boolean>;
  delete(accountId: string, roleId: string): Promise<boolean>;
  count(accountId: string): Promise<number>;
}

export interface InlinePolicyRepository {
  /** Insert or replace (Put*Policy semantics). */
  put(policy: InlinePolicy): Promise<void>;
  get(ownerKind: PrincipalKind, ownerId: string, policyName: string): Promise<InlinePolicy | undefined>;
  list(ownerKind: PrincipalKind, ownerId: string, options: ListOptions): Promise<Page<InlinePolicy>>;
  delete(ownerKind: PrincipalKind, ownerId: string, policyName: string): Promise<boolean>;
}

export interface ManagedPolicyRepository {
  create(policy: ManagedPolicy, firstVersion: PolicyVersion): Promise<void>;
  get(arn: string): Promise<ManagedPolicy | undefined>;
  getById(policyId: string): Promise<ManagedPolicy | undefined>;
  list(accountId: string, options: ListOptions): Promise<Page<ManagedPolicy>>;
  update(policy: ManagedPolicy): Promise<boolean>;
  /** Deletes the policy and all of its versions. */
  delete(arn: string): Promise<boolean>;
  count(accountId: string): Promise<number>;
  addVersion(version: PolicyVersion): Promise<void>;
  getVersion(arn: string, versionId: string): Promise<PolicyVersion | undefined>;
  /** Ordered newest first (AWS lists versions that way). */
  listVersions(arn: string): Promise<PolicyVersion[]>;
  deleteVersion(arn: string, versionId: string): Promise<boolean>;
}

export interface AttachmentRepository {
  attach(attachment: Attachment): Promise<void>;
  detach(ownerKind: PrincipalKind, ownerId: string, policyArn: string): Promise<boolean>;
  isAttached(ownerKind: PrincipalKind, ownerId: string, policyArn: string): Promise<boolean>;
  /** Policy ARNs attached to one owner, ordered by ARN. */
  listForOwner(ownerKind: PrincipalKind, ownerId: string): Promise<string[]>;
  /** Owners a policy is attached to (ListEntitiesForPolicy), for one account. */
  listForPolicy(accountId: string, policyArn: string): Promise<Attachment[]>;
  countForPolicy(accountId: string, policyArn: string): Promise<number>;
  /** Remove every attachment of an owner (used when the owner is deleted). */
  detachAll(ownerKind: PrincipalKind, ownerId: string): Promise<void>;
}

/** Small key/value rows the server itself needs (e.g. the at-rest key check, schema version). */
export interface SettingsRepository {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

/**
 * A virtual MFA device (CreateVirtualMFADevice). Its name is unique per account ignoring case;
 * `serialNumber` is its ARN. It is assigned to at most one user, named by unique id so that a
 * rename keeps the device. Timestamps are epoch ms.
 */
export interface MfaDevice {
  accountId: string;
  serialNumber: string;
  deviceName: string;
  path: string;
  /** The base32 TOTP seed, sealed with the at-rest key (see src/tokens/secret-box.ts). */
  seedSealed: string;
  createDate: number;
  tags: Tag[];
  /** Set while the device is enabled for a user (EnableMFADevice … DeactivateMFADevice). */
  userId?: string;
  enableDate?: number;
  /** The last TOTP step accepted, so a code is never accepted twice. */
  lastUsedStep?: number;
}

export type MfaAssignment = 'Assigned' | 'Unassigned' | 'Any';

export interface MfaDeviceRepository {
  create(device: MfaDevice): Promise<void>;
  get(serialNumber: string): Promise<MfaDevice | undefined>;
  /** Name order, like every list; `assignment` filters on whether a user holds the device. */
  list(accountId: string, options: ListOptions & { assignment?: MfaAssignment }): Promise<Page<MfaDevice>>;
  /** The devices enabled for one user, ordered by enable date, then serial number. */
  listForUser(userId: string): Promise<MfaDevice[]>;
  /** Replace every mutable field (assignment, enable date, last used step, tags). */
  update(device: MfaDevice): Promise<boolean>;
  delete(accountId: string, serialNumber: string): Promise<boolean>;
  count(accountId: string, assignment?: MfaAssignment): Promise<number>;
}

/**
 * A small IAM resource kept as a document: instance profiles, OIDC and SAML providers, login
 * profiles, certificates, SSH keys, service-specific credentials, account aliases, the password
 * policy, report jobs, … Each kind has a handful of fields no query looks into, so one table serves
 * them all and a new kind needs no migration; what the services filter or order on is a column.
 * - `(kind, accountId, name)` is unique ignoring the case of the name, like every IAM name;
 *   `accountId` is `''` for a kind whose names are unique across all accounts (account aliases).
 * - `ownerId` ties a record to the entity it belongs to (a user's keys, the role in an instance
 *   profile, the account holding an alias), so "the records of this owner" is one indexed query.
 * - `body` is the kind's own fields as JSON text; the services give it its type.
 * Times are epoch ms.
 */
export interface IamRecord {
  kind: string;
  accountId: string;
  name: string;
  path: string;
  ownerId?: string;
  createDate: number;
  body: string;
}

export interface IamRecordRepository {
  /** `DuplicateError` when the kind already has the name in that account (ignoring case). */
  create(record: IamRecord): Promise<void>;
  get(kind: string, accountId: string, name: string): Promise<IamRecord | undefined>;
  /** Name order with markers, like every list; `pathPrefix` and `ownerId` narrow it. */
  list(kind: string, accountId: string, options: ListOptions & { ownerId?: string }): Promise<Page<IamRecord>>;
  /** Every record of the kind that belongs to the owner, in name order, in any account. */
  listForOwner(kind: string, ownerId: string): Promise<IamRecord[]>;
  /** Replaces path, owner and body of the record with that kind, account and name (not its name). */
  update(record: IamRecord): Promise<boolean>;
  delete(kind: string, accountId: string, name: string): Promise<boolean>;
  count(kind: string, accountId: string, ownerId?: string): Promise<number>;
}

/** A resource an audit event names, as LookupEvents reports it (`AWS::IAM::Role`, a name or ARN). */
export interface AuditResource {
  type: string;
  name: string;
}

/**
 * One recorded API call (a CloudTrail event) as the audit log stores it: the event itself as
 * JSON text, plus the columns LookupEvents filters on. `accountId` is the account whose event
 * history holds it (CloudTrail's recipientAccountId). `eventTime` is epoch ms.
 */
export interface AuditEventRecord {
  eventId: string;
  accountId: string;
  eventTime: number;
  eventName: string;
  eventSource: string;
  readOnly: boolean;
  username?: string;
  accessKeyId?: string;
  resources: AuditResource[];
  /** The CloudTrail event record, JSON. */
  body: string;
}

/** The attributes LookupEvents can filter on (one at a time). */
export type AuditLookupKey =
  'EventId' | 'EventName' | 'ReadOnly' | 'Username' | 'ResourceType' | 'ResourceName' | 'EventSource' | 'AccessKeyId';

export interface AuditEventQuery {
  accountId: string;
  /** Inclusive bounds on eventTime, epoch ms. */
  from?: number;
  to?: number;
  /** Exact match; ReadOnly takes `true` or `false`. */
  attribute?: { key: AuditLookupKey; value: string };
  /** Opaque marker from a previous page. */
  after?: string;
  limit: number;
}

/**
 * The audit event history. Events are only ever appended (a batch at a time, atomically) and
 * read newest first: by eventTime, then eventId, both descending, so pages are stable while
 * new events arrive. A duplicate eventId rejects the whole batch with `DuplicateError`.
 */
export interface AuditEventRepository {
  append(events: readonly AuditEventRecord[]): Promise<void>;
  query(query: AuditEventQuery): Promise<Page<AuditEventRecord>>;
}

/**
 * An S3 bucket. Names are one namespace across all accounts. `tags` undefined means the bucket
 * has no tag set (GetBucketTagging's NoSuchTagSet); `policy` is the bucket policy text as put.
 * Times are epoch ms.
 */
export interface S3Bucket {
  name: string;
  accountId: string;
  region: string;
  createDate: number;
  policy?: string;
  tags?: Tag[];
}

export interface S3BucketRepository {
  /** `DuplicateError` when any account already holds the name. */
  create(bucket: S3Bucket): Promise<void>;
  get(name: string): Promise<S3Bucket | undefined>;
  /** One account's buckets in name order; `prefix` keeps the names that start with it. */
  list(accountId: string, options: { after?: string; limit: number; prefix?: string }): Promise<Page<S3Bucket>>;
  /** Replaces the policy and the tags. */
  update(bucket: S3Bucket): Promise<boolean>;
  delete(name: string): Promise<boolean>;
}

/**
 * An object's metadata; its bytes are a blob file named by `blobId` (see src/services/s3/files).
 * `etag` is without quotes (hex MD5, or `hex-N` for N parts). `headers` holds the stored
 * representation headers (content-type, content-encoding, …) by lower-case name; `metadata` the
 * x-amz-meta-* values by lower-case name without the prefix.
 */
export interface S3Object {
  bucket: string;
  key: string;
  blobId: string;
  size: number;
  etag: string;
  lastModified: number;
  headers: Record<string, string>;
  metadata: Record<string, string>;
  tags: Tag[];
  /** A full-object checksum the uploader sent and keysmith verified (`CRC32`, base64 value). */
  checksum?: { algorithm: string; value: string };
}

/**
 * Keys are ordered by their UTF-8 bytes (S3's order). `after` starts the list after that key,
 * or, with `skipPrefix`, after every key that starts with it (a common prefix already listed).
 */
export interface S3ObjectListOptions {
  prefix?: string;
  after?: string;
  skipPrefix?: boolean;
  limit: number;
}

export interface S3ObjectRepository {
  /** Inserts or replaces; resolves to the object it replaced (whose blob the caller removes). */
  put(object: S3Object): Promise<S3Object | undefined>;
  /** Inserts only: `DuplicateError` when the key exists (conditional writes). */
  create(object: S3Object): Promise<void>;
  get(bucket: string, key: string): Promise<S3Object | undefined>;
  /**
   * The bucket and the object under `key` in it, if any, in one read (GetObject, HeadObject);
   * undefined when there is no such bucket.
   */
  getWithBucket(bucket: string, key: string): Promise<{ bucket: S3Bucket; object?: S3Object } | undefined>;
  /** Resolves to the object removed, if there was one. */
  delete(bucket: string, key: string): Promise<S3Object | undefined>;
  list(bucket: string, options: S3ObjectListOptions): Promise<S3Object[]>;
  /** Whether the bucket holds any object. */
  any(bucket: string): Promise<boolean>;
  setTags(bucket: string, key: string, tags: readonly Tag[]): Promise<boolean>;
}

/** An in-progress multipart upload, with what the object will carry once completed. */
export interface S3Upload {
  uploadId: string;
  bucket: string;
  key: string;
  initiated: number;
  /** ARN and account of the caller who started it (ListParts' Initiator). */
  initiatorArn: string;
  accountId: string;
  headers: Record<string, string>;
  metadata: Record<string, string>;
  tags: Tag[];
  checksumAlgorithm?: string;
}

export interface S3UploadPart {
  uploadId: string;
  partNumber: number;
  blobId: string;
  size: number;
  /** Hex MD5, without quotes. */
  etag: string;
  lastModified: number;
  /** The part's checksum (base64) in the upload's checksum algorithm, when it has one. */
  checksum?: string;
}

export interface S3UploadRepository {
  create(upload: S3Upload): Promise<void>;
  get(uploadId: string): Promise<S3Upload | undefined>;
  /** A bucket's uploads ordered by key, then upload id; after (`afterKey`, `afterUploadId`). */
  list(bucket: string, options: { prefix?: string; afterKey?: string; afterUploadId?: string; limit: number }): Promise<S3Upload[]>;
  /** Removes the upload and its parts; resolves to the parts removed, or undefined when there was no such upload. */
  delete(uploadId: string): Promise<S3UploadPart[] | undefined>;
  /** Inserts or replaces a part; resolves to the part it replaced. */
  putPart(part: S3UploadPart): Promise<S3UploadPart | undefined>;
  /** Parts in number order, after part number `after`. */
  listParts(uploadId: string, options: { after?: number; limit: number }): Promise<S3UploadPart[]>;
  /** Removes every upload of a bucket; resolves to their parts. */
  deleteForBucket(bucket: string): Promise<S3UploadPart[]>;
}

export type { PrincipalKind };

/** Thrown by list operations given a marker they did not produce. */
export class InvalidMarkerError extends Error {
  constructor() {
    super('invalid pagination marker');
    this.name = 'InvalidMarkerError';
  }
}
