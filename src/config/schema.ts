import type { LogFormat } from '../kernel/logger.js';
import type { LogLevel } from './log-levels.js';

/**
 * The one configuration schema. Every setting has an environment variable, an optional flag, a
 * default and a line of documentation (README's configuration table follows this list).
 * `loadConfig` is the only reader of process.env; the result is frozen.
 */
export interface ConfigEntry {
  key: keyof Config;
  env: string;
  flag?: string;
  kind:
    | 'string'
    | 'port'
    | 'boolean'
    | 'integer'
    | 'accountId'
    | 'optional-string'
    | 'optional-url'
    | 'log-level'
    | 'log-format'
    | 'at-rest-key';
  default?: string;
  doc: string;
}

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  accountId: string | undefined;
  adminAccessKeyId: string | undefined;
  adminSecretAccessKey: string | undefined;
  atRestKey: string | undefined;
  adminToken: string | undefined;
  enableReset: boolean;
  oidcAllowPorts: boolean;
  federationCaFile: string | undefined;
  issuerUrl: string | undefined;
  maxBodyBytes: number;
  maxPendingRequests: number;
  region: string;
  s3ObjectsDir: string | undefined;
  s3VirtualHostDomain: string;
  logLevel: LogLevel;
  logFormat: LogFormat;
  auditEnabled: boolean;
  auditFile: string | undefined;
  auditDataEvents: boolean;
  auditFlushMs: number;
  auditBatchSize: number;
}

export const CONFIG_SCHEMA: readonly ConfigEntry[] = [
  { key: 'host', env: 'KEYSMITH_HOST', flag: '--host', kind: 'string', default: '127.0.0.1', doc: 'Address to listen on.' },
  {
    key: 'port',
    env: 'KEYSMITH_PORT',
    flag: '--port',
    kind: 'port',
    default: '4747',
    doc: 'Port of the AWS API (IAM, STS) and the admin API (under /_keysmith/).',
  },
  {
    key: 'dataDir',
    env: 'KEYSMITH_DATA_DIR',
    flag: '--data-dir',
    kind: 'string',
    default: './keysmith-data',
    doc: 'Folder for the SQLite database, the generated keys and the bootstrap credentials.',
  },
  {
    key: 'databaseUrl',
    env: 'KEYSMITH_DATABASE_URL',
    flag: '--database-url',
    kind: 'optional-string',
    doc: 'postgres://… selects the PostgreSQL backend; unset means SQLite in the data folder.',
  },
  {
    key: 'accountId',
    env: 'KEYSMITH_ACCOUNT_ID',
    flag: '--account-id',
    kind: 'accountId',
    doc: "The first account's 12-digit id (random when unset). Used only on first start.",
  },
  {
    key: 'adminAccessKeyId',
    env: 'KEYSMITH_ADMIN_ACCESS_KEY_ID',
    kind: 'optional-string',
    doc: 'Access key id of the bootstrap admin (generated when unset). Used only on first start.',
  },
  {
    key: 'adminSecretAccessKey',
    env: 'KEYSMITH_ADMIN_SECRET_ACCESS_KEY',
    kind: 'optional-string',
    doc: 'Secret of the bootstrap admin (generated when unset). Used only on first start.',
  },
  {
    key: 'atRestKey',
    env: 'KEYSMITH_AT_REST_KEY',
    kind: 'at-rest-key',
    doc: 'Base64 32-byte key that encrypts secrets at rest; default: generated into <data-dir>/at-rest.key.',
  },
  {
    key: 'adminToken',
    env: 'KEYSMITH_ADMIN_TOKEN',
    kind: 'optional-string',
    doc: 'Bearer token of the admin API; default: generated into <data-dir>/admin-token.',
  },
  {
    key: 'enableReset',
    env: 'KEYSMITH_ENABLE_RESET',
    flag: '--enable-reset',
    kind: 'boolean',
    default: 'false',
    doc: "Allow POST /_keysmith/reset (admin token) and moto's POST /moto-api/reset (no token): each wipes all state (for test suites only).",
  },
  {
    key: 'oidcAllowPorts',
    env: 'KEYSMITH_OIDC_ALLOW_PORTS',
    flag: '--oidc-allow-ports',
    kind: 'boolean',
    default: 'false',
    doc: 'Accept OIDC provider URLs with a port (https://127.0.0.1:8443), which AWS refuses: for local identity providers only (warned at start).',
  },
  {
    key: 'federationCaFile',
    env: 'KEYSMITH_FEDERATION_CA_FILE',
    flag: '--federation-ca-file',
    kind: 'optional-string',
    doc: "PEM file of private CA certificates trusted, besides the system's, for identity providers' HTTPS (OIDC discovery and JWKS); such an issuer also needs its CA's SHA-1 in the provider's ThumbprintList.",
  },
  {
    key: 'issuerUrl',
    env: 'KEYSMITH_ISSUER_URL',
    flag: '--issuer-url',
    kind: 'optional-url',
    doc: "keysmith's public URL (https://keysmith.example:4747): each account's outbound issuer (GetWebIdentityToken) becomes <url>/_keysmith/issuer/<uuid>, whose discovery and JWKS keysmith serves; unset, issuers keep AWS's form.",
  },
  {
    key: 'maxBodyBytes',
    env: 'KEYSMITH_MAX_BODY_BYTES',
    kind: 'integer',
    default: '1048576',
    doc: 'Largest request body accepted by the Query APIs.',
  },
  {
    key: 'maxPendingRequests',
    env: 'KEYSMITH_MAX_PENDING_REQUESTS',
    flag: '--max-pending-requests',
    kind: 'integer',
    default: '1024',
    doc: "Requests received and not yet answered that the listener takes on; past it, a request is answered at once with the protocol's throttling error (Throttling, S3's SlowDown), which the AWS SDKs retry with back-off.",
  },
  {
    key: 'region',
    env: 'KEYSMITH_REGION',
    kind: 'string',
    default: 'us-east-1',
    doc: 'Region reported where a request does not name one.',
  },
  {
    key: 's3ObjectsDir',
    env: 'KEYSMITH_S3_OBJECTS_DIR',
    flag: '--s3-objects-dir',
    kind: 'optional-string',
    doc: 'Folder for S3 object data; default <data-dir>/objects. Nodes sharing one PostgreSQL must share this folder too.',
  },
  {
    key: 's3VirtualHostDomain',
    env: 'KEYSMITH_S3_DOMAIN',
    flag: '--s3-domain',
    kind: 'string',
    default: 'localhost',
    doc: 'Host suffix for virtual-hosted-style S3 requests: <bucket>.<domain>[:port]. Any other Host is path style.',
  },
  {
    key: 'logLevel',
    env: 'KEYSMITH_LOG_LEVEL',
    kind: 'log-level',
    default: 'info',
    doc: 'error, warn, info (one line per request) or debug.',
  },
  {
    key: 'logFormat',
    env: 'KEYSMITH_LOG_FORMAT',
    kind: 'log-format',
    default: 'auto',
    doc: 'The log on stderr: json (JSON lines), text (for people), or auto (text on a terminal, JSON lines otherwise).',
  },
  {
    key: 'auditEnabled',
    env: 'KEYSMITH_AUDIT',
    kind: 'boolean',
    default: 'true',
    doc: 'Record a CloudTrail event for every request (false turns auditing off, with a warning at start).',
  },
  {
    key: 'auditFile',
    env: 'KEYSMITH_AUDIT_FILE',
    flag: '--audit-file',
    kind: 'optional-string',
    doc: 'JSON-lines file the events are also appended to; default <data-dir>/audit.jsonl; `off` for none.',
  },
  {
    key: 'auditDataEvents',
    env: 'KEYSMITH_AUDIT_DATA_EVENTS',
    flag: '--audit-data-events',
    kind: 'boolean',
    default: 'false',
    doc: 'Also record S3 object-level (data) events (to the audit file; LookupEvents shows management events only).',
  },
  {
    key: 'auditFlushMs',
    env: 'KEYSMITH_AUDIT_FLUSH_MS',
    kind: 'integer',
    default: '200',
    doc: 'Audit events are written in batches at least this often (milliseconds).',
  },
  {
    key: 'auditBatchSize',
    env: 'KEYSMITH_AUDIT_BATCH_SIZE',
    kind: 'integer',
    default: '500',
    doc: 'A batch is written as soon as this many requests wait.',
  },
];
