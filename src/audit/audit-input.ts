import type { FederatedCaller } from '../model/federated-caller.js';
import type { Principal } from '../model/principal.js';
import type { StructShape } from '../model/shapes.js';
import type { AuditRecord } from './audit-record.js';

/**
 * What a pipeline gathers about one request while it runs. It stays on the request thread:
 * `auditRecordOf` (audit-record.ts) turns it into the plain, redacted AuditRecord the audit log
 * receives, which is where the caller's session (and its secret) and any credentials in the
 * output are left behind. Pipelines never build events themselves and handlers never see
 * auditing at all.
 */
export interface AuditInput {
  requestId: string;
  /** Epoch ms when the request arrived. */
  time: number;
  /** `iam`, `sts`, `s3`, `cloudtrail`. */
  service: string;
  /** The operation name, e.g. `AssumeRole`; `Unknown` when the request never got that far. */
  operation: string;
  /** The authenticated caller, when authentication succeeded. */
  principal?: Principal;
  /** The access key the request was signed with, even when authentication failed. */
  accessKeyId?: string;
  sourceIp: string;
  userAgent: string;
  region: string;
  readOnly: boolean;
  /** Decoded input (AWS member names); auditRecordOf redacts it. */
  requestParameters?: Record<string, unknown>;
  /** The input's shape, when the operation declares one: its `sensitive` members are redacted. */
  requestShape?: StructShape;
  /** The operation's output; auditRecordOf redacts it. */
  responseElements?: object;
  /** The output's shape, when the operation declares one: its `sensitive` members are redacted. */
  responseShape?: StructShape;
  errorCode?: string;
  errorMessage?: string;
  /** Who signed in through an identity provider (an unsigned federation call), once verified. */
  federatedCaller?: FederatedCaller;
  /** CloudTrail's additionalEventData: keysmith notes here a permissive setting that decided the call. */
  additionalEventData?: Record<string, string>;
  /** Whether this is an S3 object-level (data) event. */
  dataEvent?: boolean;
  /**
   * The request was no AWS API call and leaves no event (a credential grant's fetch answered from
   * the cache: no AssumeRole happened). Its request log line is still written.
   */
  notAudited?: boolean;
}

/** Where pipelines send finished requests, as `auditRecordOf(input)`. Must not block or throw. */
export interface AuditSink {
  record(record: AuditRecord): void;
  /** Writes out everything recorded so far (LookupEvents reads its own node's latest events). */
  flush?(): Promise<void>;
  /** Flushes and stops; called once on a clean shutdown, before the store closes. */
  close?(): Promise<void>;
}

export const NO_AUDIT: AuditSink = { record: () => undefined };
