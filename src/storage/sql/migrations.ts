import type { Dialect, SqlDriver } from './driver.js';

/**
 * Versioned schema. A migration is never edited once released: add a new one instead.
 * `migrate` runs on every open, inside one transaction; transactions are exclusive on both
 * backends (SQLite `BEGIN IMMEDIATE`, PostgreSQL a transaction-scoped advisory lock), so two
 * nodes starting at once against one PostgreSQL apply each migration exactly once.
 */
export interface Migration {
  version: number;
  name: string;
  statements(dialect: Dialect): string[];
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    statements: ({ binaryText: T }) => [
      `CREATE TABLE accounts (
        account_id ${T} PRIMARY KEY,
        create_date BIGINT NOT NULL)`,

      // name_lower carries the case-insensitive uniqueness (lower-cased in JS, identically for
      // both backends) and is the first sort key of every list.
      `CREATE TABLE users (
        user_id ${T} PRIMARY KEY,
        account_id ${T} NOT NULL,
        user_name ${T} NOT NULL,
        name_lower ${T} NOT NULL,
        path ${T} NOT NULL,
        arn ${T} NOT NULL,
        create_date BIGINT NOT NULL,
        permissions_boundary_arn ${T},
        tags TEXT NOT NULL)`,
      `CREATE UNIQUE INDEX users_name ON users (account_id, name_lower)`,

      // Keys name their owner (null = the account root), as the port does; owner_lower lets a
      // lookup ignore case like every other name lookup.
      `CREATE TABLE access_keys (
        access_key_id ${T} PRIMARY KEY,
        account_id ${T} NOT NULL,
        user_name ${T},
        owner_lower ${T},
        status ${T} NOT NULL,
        secret_sealed TEXT NOT NULL,
        create_date BIGINT NOT NULL,
        last_used_date BIGINT,
        last_used_service ${T},
        last_used_region ${T})`,
      `CREATE INDEX access_keys_owner ON access_keys (account_id, owner_lower)`,

      // "groups" is a keyword in SQLite (window frames) and PostgreSQL.
      `CREATE TABLE iam_groups (
        group_id ${T} PRIMARY KEY,
        account_id ${T} NOT NULL,
        group_name ${T} NOT NULL,
        name_lower ${T} NOT NULL,
        path ${T} NOT NULL,
        arn ${T} NOT NULL,
        create_date BIGINT NOT NULL)`,
      `CREATE UNIQUE INDEX iam_groups_name ON iam_groups (account_id, name_lower)`,

      `CREATE TABLE group_members (
        group_id ${T} NOT NULL,
        user_id ${T} NOT NULL,
        PRIMARY KEY (group_id, user_id))`,
      `CREATE INDEX group_members_user ON group_members (user_id)`,

      `CREATE TABLE roles (
        role_id ${T} PRIMARY KEY,
        account_id ${T} NOT NULL,
        role_name ${T} NOT NULL,
        name_lower ${T} NOT NULL,
        path ${T} NOT NULL,
        arn ${T} NOT NULL,
        create_date BIGINT NOT NULL,
        assume_role_policy_document TEXT NOT NULL,
        description TEXT,
        max_session_duration BIGINT NOT NULL,
        permissions_boundary_arn ${T},
        tags TEXT NOT NULL,
        last_used_date BIGINT,
        last_used_region ${T})`,
      `CREATE UNIQUE INDEX roles_name ON roles (account_id, name_lower)`,

      `CREATE TABLE inline_policies (
        owner_kind ${T} NOT NULL,
        owner_id ${T} NOT NULL,
        name_lower ${T} NOT NULL,
        policy_name ${T} NOT NULL,
        account_id ${T} NOT NULL,
        document TEXT NOT NULL,
        PRIMARY KEY (owner_kind, owner_id, name_lower))`,

      `CREATE TABLE managed_policies (
        policy_id ${T} PRIMARY KEY,
        arn ${T} NOT NULL,
        account_id ${T} NOT NULL,
        policy_name ${T} NOT NULL,
        name_lower ${T} NOT NULL,
        path ${T} NOT NULL,
        description TEXT,
        default_version_id ${T} NOT NULL,
        create_date BIGINT NOT NULL,
        update_date BIGINT NOT NULL,
        tags TEXT NOT NULL)`,
      `CREATE UNIQUE INDEX managed_policies_arn ON managed_policies (arn)`,
      `CREATE UNIQUE INDEX managed_policies_name ON managed_policies (account_id, name_lower)`,

      // Versions key on the policy ARN, which never changes (managed policies cannot be renamed).
      `CREATE TABLE policy_versions (
        policy_arn ${T} NOT NULL,
        version_id ${T} NOT NULL,
        document TEXT NOT NULL,
        create_date BIGINT NOT NULL,
        PRIMARY KEY (policy_arn, version_id))`,

      `CREATE TABLE attachments (
        owner_kind ${T} NOT NULL,
        owner_id ${T} NOT NULL,
        policy_arn ${T} NOT NULL,
        account_id ${T} NOT NULL,
        PRIMARY KEY (owner_kind, owner_id, policy_arn))`,
      `CREATE INDEX attachments_policy ON attachments (account_id, policy_arn)`,

      `CREATE TABLE settings (
        name ${T} PRIMARY KEY,
        value TEXT NOT NULL)`,
    ],
  },
  {
    version: 2,
    name: 'virtual MFA devices',
    statements: ({ binaryText: T }) => [
      // serial_number is the device ARN; names are unique per account ignoring case (name_lower).
      // user_id is set while the device is enabled for a user; last_used_step refuses a TOTP code
      // seen before.
      `CREATE TABLE mfa_devices (
        serial_number ${T} PRIMARY KEY,
        account_id ${T} NOT NULL,
        device_name ${T} NOT NULL,
        name_lower ${T} NOT NULL,
        path ${T} NOT NULL,
        seed_sealed TEXT NOT NULL,
        create_date BIGINT NOT NULL,
        tags TEXT NOT NULL,
        user_id ${T},
        enable_date BIGINT,
        last_used_step BIGINT)`,
      `CREATE UNIQUE INDEX mfa_devices_name ON mfa_devices (account_id, name_lower)`,
      `CREATE INDEX mfa_devices_user ON mfa_devices (user_id)`,
    ],
  },
  {
    version: 3,
    name: 'audit events',
    statements: ({ binaryText: T }) => [
      // One row per CloudTrail event, in the account whose history holds it. body is the event
      // JSON; the other columns are what LookupEvents filters on. Every index leads with the
      // account and ends with the time, the order pages are read in (newest first).
      `CREATE TABLE audit_events (
        event_id ${T} PRIMARY KEY,
        account_id ${T} NOT NULL,
        event_time BIGINT NOT NULL,
        event_name ${T} NOT NULL,
        event_source ${T} NOT NULL,
        read_only BIGINT NOT NULL,
        username ${T},
        access_key_id ${T},
        resources TEXT NOT NULL,
        body TEXT NOT NULL)`,
      `CREATE INDEX audit_events_time ON audit_events (account_id, event_time, event_id)`,
      `CREATE INDEX audit_events_name ON audit_events (account_id, event_name, event_time)`,
      `CREATE INDEX audit_events_username ON audit_events (account_id, username, event_time)`,
      `CREATE INDEX audit_events_key ON audit_events (account_id, access_key_id, event_time)`,
      `CREATE INDEX audit_events_source ON audit_events (account_id, event_source, event_time)`,
      // The resources an event names (ResourceType / ResourceName lookups), one row each.
      `CREATE TABLE audit_event_resources (
        event_id ${T} NOT NULL,
        ordinal BIGINT NOT NULL,
        account_id ${T} NOT NULL,
        event_time BIGINT NOT NULL,
        resource_type ${T} NOT NULL,
        resource_name ${T} NOT NULL,
        PRIMARY KEY (event_id, ordinal))`,
      `CREATE INDEX audit_event_resources_name ON audit_event_resources (account_id, resource_name, event_time)`,
      `CREATE INDEX audit_event_resources_type ON audit_event_resources (account_id, resource_type, event_time)`,
    ],
  },
  {
    version: 4,
    name: 's3 buckets, objects and multipart uploads',
    statements: ({ binaryText: T }) => [
      // Bucket names are global, so the name is the key. Keys are compared as bytes (binaryText):
      // S3 lists keys in UTF-8 byte order. JSON columns: headers and metadata as objects, tags as
      // a list; a NULL tags column on a bucket means "no tag set".
      `CREATE TABLE s3_buckets (
        bucket_name ${T} PRIMARY KEY,
        account_id ${T} NOT NULL,
        region ${T} NOT NULL,
        create_date BIGINT NOT NULL,
        policy TEXT,
        tags TEXT)`,
      `CREATE INDEX s3_buckets_account ON s3_buckets (account_id, bucket_name)`,
      `CREATE TABLE s3_objects (
        bucket_name ${T} NOT NULL,
        object_key ${T} NOT NULL,
        blob_id ${T} NOT NULL,
        size BIGINT NOT NULL,
        etag ${T} NOT NULL,
        last_modified BIGINT NOT NULL,
        headers TEXT NOT NULL,
        metadata TEXT NOT NULL,
        tags TEXT NOT NULL,
        checksum_algorithm ${T},
        checksum_value ${T},
        PRIMARY KEY (bucket_name, object_key))`,
      `CREATE TABLE s3_uploads (
        upload_id ${T} PRIMARY KEY,
        bucket_name ${T} NOT NULL,
        object_key ${T} NOT NULL,
        initiated BIGINT NOT NULL,
        initiator_arn ${T} NOT NULL,
        account_id ${T} NOT NULL,
        headers TEXT NOT NULL,
        metadata TEXT NOT NULL,
        tags TEXT NOT NULL,
        checksum_algorithm ${T})`,
      `CREATE INDEX s3_uploads_key ON s3_uploads (bucket_name, object_key, upload_id)`,
      `CREATE TABLE s3_upload_parts (
        upload_id ${T} NOT NULL,
        part_number BIGINT NOT NULL,
        blob_id ${T} NOT NULL,
        size BIGINT NOT NULL,
        etag ${T} NOT NULL,
        last_modified BIGINT NOT NULL,
        checksum ${T},
        PRIMARY KEY (upload_id, part_number))`,
    ],
  },
  {
    version: 5,
    name: 'iam records',
    statements: ({ binaryText: T }) => [
      // The small IAM resources of the Store's IamRecordRepository (see store.ts): one row each,
      // the kind's own fields as JSON in body.
      `CREATE TABLE iam_records (
        kind ${T} NOT NULL,
        account_id ${T} NOT NULL,
        name ${T} NOT NULL,
        name_lower ${T} NOT NULL,
        path ${T} NOT NULL,
        owner_id ${T},
        create_date BIGINT NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (kind, account_id, name_lower))`,
      `CREATE INDEX iam_records_owner ON iam_records (kind, owner_id, name_lower)`,
    ],
  },
  {
    version: 6,
    name: 'audit log, narrow',
    statements: ({ name, binaryText: T }) => [
      // Version 3's audit_events carried seven indexes and a second table with two more: an event
      // cost ~36 µs of SQLite CPU to append, more than the request it records, and resource names
      // (AssumeRole names the access key it issued: a new random value every event) were inserted
      // at random places of their index. Now one row per event in arrival order (seq), one index
      // for the time order every page is read in, one unique index on the event id (EventId
      // lookups, and a batch written twice is refused), and the other LookupEvents attributes
      // answered through audit_log_blocks: one row per written batch and account, with a Bloom
      // filter of every attribute value in it (src/storage/sql/bloom-filter.ts).
      `CREATE TABLE audit_log (
        seq ${name === 'sqlite' ? 'INTEGER PRIMARY KEY' : 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY'},
        account_id ${T} NOT NULL,
        event_time BIGINT NOT NULL,
        event_id ${T} NOT NULL,
        event_name ${T} NOT NULL,
        event_source ${T} NOT NULL,
        read_only BIGINT NOT NULL,
        username ${T},
        access_key_id ${T},
        resources TEXT NOT NULL,
        body TEXT NOT NULL)`,
      `CREATE INDEX audit_log_time ON audit_log (account_id, event_time, event_id)`,
      `CREATE UNIQUE INDEX audit_log_event_id ON audit_log (event_id)`,
      // The account's events of one batch lie in seq [first_seq, last_seq] (with other accounts'
      // events in between); filter '' means "may hold anything" (the moved history below).
      `CREATE TABLE audit_log_blocks (
        account_id ${T} NOT NULL,
        first_seq BIGINT NOT NULL,
        last_seq BIGINT NOT NULL,
        min_time BIGINT NOT NULL,
        max_time BIGINT NOT NULL,
        filter TEXT NOT NULL,
        PRIMARY KEY (account_id, first_seq))`,
      `CREATE INDEX audit_log_blocks_newest ON audit_log_blocks (account_id, max_time)`,
      `INSERT INTO audit_log (account_id, event_time, event_id, event_name, event_source, read_only, username, access_key_id,
         resources, body)
       SELECT account_id, event_time, event_id, event_name, event_source, read_only, username, access_key_id, resources, body
       FROM audit_events ORDER BY event_time, event_id`,
      `INSERT INTO audit_log_blocks (account_id, first_seq, last_seq, min_time, max_time, filter)
       SELECT account_id, MIN(seq), MAX(seq), MIN(event_time), MAX(event_time), ''
       FROM audit_log GROUP BY account_id, seq / 512`,
      `DROP TABLE audit_event_resources`,
      `DROP TABLE audit_events`,
    ],
  },
  {
    version: 7,
    name: 'audit bodies in files',
    statements: ({ binaryText: T }) => [
      // The SQLite backend keeps new event bodies in append-only files beside the database
      // (src/storage/sqlite/audit-body-segments.ts): an event's ~1.3 KB body was most of what
      // appending it cost SQLite. Such a row has body '' and the body's file and byte range;
      // PostgreSQL, and rows written before, keep the body in the row.
      `ALTER TABLE audit_log ADD COLUMN body_file ${T}`,
      `ALTER TABLE audit_log ADD COLUMN body_at BIGINT`,
      `ALTER TABLE audit_log ADD COLUMN body_bytes BIGINT`,
    ],
  },
];

/** Every table `reset()` empties. `schema_migrations` is left alone: it describes the schema, not data. */
export const dataTables = [
  'accounts',
  'users',
  'access_keys',
  'iam_groups',
  'group_members',
  'roles',
  'inline_policies',
  'managed_policies',
  'policy_versions',
  'attachments',
  'settings',
  'mfa_devices',
  'audit_log',
  'audit_log_blocks',
  's3_buckets',
  's3_objects',
  's3_uploads',
  's3_upload_parts',
  'iam_records',
] as const;

interface VersionRow {
  version: number | string;
}

/** Brings the schema up to date; fails if the database is newer than this code. */
export async function migrate(driver: SqlDriver, now: () => number = Date.now): Promise<void> {
  await driver.transaction(async (tx) => {
    await tx.run(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version BIGINT PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at BIGINT NOT NULL)`);
    const applied = new Set((await tx.query<VersionRow>('SELECT version FROM schema_migrations')).map((r) => Number(r.version)));
    const known = Math.max(...migrations.map((m) => m.version));
    const newest = Math.max(0, ...applied);
    if (newest > known) {
      throw new Error(`database schema version ${newest} is newer than this keysmith understands (${known})`);
    }
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      for (const statement of migration.statements(tx.dialect)) await tx.run(statement);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        migration.version,
        migration.name,
        now(),
      ]);
    }
  });
}

/** The version the schema is at (tests and diagnostics). */
export async function schemaVersion(driver: SqlDriver): Promise<number> {
  const rows = await driver.query<{ v: number | string | null }>('SELECT MAX(version) AS v FROM schema_migrations');
  return Number(rows[0]?.v ?? 0);
}
