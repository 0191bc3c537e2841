import type { Principal } from '../model/principal.js';

/**
 * What a pipeline knows about one finished request, handed to the audit log. The audit module
 * turns it into a CloudTrail-shaped event (userIdentity, redaction, ids); pipelines never build
 * events themselves and handlers never see auditing at all.
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
  /** Decoded input (AWS member names); secrets are redacted by the audit module. */
  requestParameters?: Record<string, unknown>;
  /** The operation's output; secrets are redacted by the audit module. */
  responseElements?: object;
  errorCode?: string;
  errorMessage?: string;
  /** Whether this is an S3 object-level (data) event. */
  dataEvent?: boolean;
}

/** Where pipelines send finished requests. Must not block or throw. */
export interface AuditSink {
  record(input: AuditInput): void;
  /** Writes out everything recorded so far (LookupEvents reads its own node's latest events). */
  flush?(): Promise<void>;
  /** Flushes and stops; called once on a clean shutdown, before the store closes. */
  close?(): Promise<void>;
}

export const NO_AUDIT: AuditSink = { record: () => undefined };
