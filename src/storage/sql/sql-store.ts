import type { AuditBodyFiles } from './audit-body-files.js';
import type {
  AccessKeyRepository,
  AccountRepository,
  AttachmentRepository,
  AuditEventRepository,
  GroupRepository,
  IamRecordRepository,
  InlinePolicyRepository,
  ManagedPolicyRepository,
  MfaDeviceRepository,
  RoleRepository,
  S3BucketRepository,
  S3ObjectRepository,
  S3UploadRepository,
  SettingsRepository,
  Store,
  UserRepository,
} from '../store.js';
import { SqlAccessKeyRepository } from './access-key-repository.js';
import { SqlAccountRepository } from './account-repository.js';
import { SqlAttachmentRepository } from './attachment-repository.js';
import { SqlAuditEventRepository } from './audit-event-repository.js';
import type { SqlDriver } from './driver.js';
import { SqlGroupRepository } from './group-repository.js';
import { SqlIamRecordRepository } from './iam-record-repository.js';
import { SqlInlinePolicyRepository } from './inline-policy-repository.js';
import { SqlManagedPolicyRepository } from './managed-policy-repository.js';
import { dataTables, migrate } from './migrations.js';
import { SqlMfaDeviceRepository } from './mfa-device-repository.js';
import { SqlRoleRepository } from './role-repository.js';
import { SqlS3BucketRepository } from './s3-bucket-repository.js';
import { SqlS3ObjectRepository } from './s3-object-repository.js';
import { SqlS3UploadRepository } from './s3-upload-repository.js';
import { SqlSettingsRepository } from './settings-repository.js';
import { guardAgainstReentry } from './transaction-guard.js';
import { SqlUserRepository } from './user-repository.js';

/** The `Store` for any SQL driver: the same repositories over the top-level driver or a transaction's. */
export class SqlStore implements Store {
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

  private constructor(
    private readonly driver: SqlDriver,
    private readonly auditBodies?: AuditBodyFiles,
  ) {
    this.accounts = new SqlAccountRepository(driver);
    this.users = new SqlUserRepository(driver);
    this.accessKeys = new SqlAccessKeyRepository(driver);
    this.groups = new SqlGroupRepository(driver);
    this.roles = new SqlRoleRepository(driver);
    this.inlinePolicies = new SqlInlinePolicyRepository(driver);
    this.managedPolicies = new SqlManagedPolicyRepository(driver);
    this.attachments = new SqlAttachmentRepository(driver);
    this.settings = new SqlSettingsRepository(driver);
    this.mfaDevices = new SqlMfaDeviceRepository(driver);
    this.records = new SqlIamRecordRepository(driver);
    this.auditEvents = new SqlAuditEventRepository(driver, auditBodies);
    this.s3Buckets = new SqlS3BucketRepository(driver);
    this.s3Objects = new SqlS3ObjectRepository(driver);
    this.s3Uploads = new SqlS3UploadRepository(driver);
  }

  /**
   * Migrates the schema, then returns the store. Closes the driver if migration fails.
   * `auditBodies`: where audit event bodies are kept instead of their rows (the SQLite backend).
   */
  static async open(driver: SqlDriver, auditBodies?: AuditBodyFiles): Promise<SqlStore> {
    try {
      await migrate(driver);
    } catch (error) {
      await driver.close().catch(() => undefined);
      throw error;
    }
    return new SqlStore(guardAgainstReentry(driver), auditBodies);
  }

  /** Inside a transaction this nests as a savepoint. */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    return this.driver.transaction((tx) => fn(new SqlStore(tx, this.auditBodies)));
  }

  async reset(): Promise<void> {
    await this.driver.transaction(async (tx) => {
      for (const table of dataTables) await tx.run(`DELETE FROM ${table}`);
      // Inside the transaction: an append waiting for the write lock then finds its file gone.
      this.auditBodies?.clear();
    });
  }

  async close(): Promise<void> {
    if (this.driver.inTransaction) throw new Error('close() called on a transaction handle');
    await this.auditBodies?.close();
    await this.driver.close();
  }
}
