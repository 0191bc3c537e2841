import type { AuditInput } from '../audit/audit-input.js';
import type { Logger } from '../kernel/logger.js';

/** The message of every request log line; the fields below say what the request was. */
export const REQUEST_LOG_MSG = 'request';

/**
 * One line per request at `info`, written by the pipeline after the audit record (docs/audit.md,
 * "The request log"). It names the operation, never the URL, and holds no header, query, body,
 * signature, token or secret: only what the audit record already knows and the outcome.
 */
export interface RequestLogFields {
  service: string;
  /** The operation, e.g. `CreateUser`; `Unknown` when the request never got that far. */
  action: string;
  status: number;
  /** The AWS error code of a refused or failed request. */
  errorCode?: string;
  /** The authenticated caller's ARN. */
  principal?: string;
  /** The access key the request was signed with, when authentication did not succeed. */
  accessKeyId?: string;
  durationMs: number;
  requestId: string;
}

/** Values taken from the request (an unknown Query action, a malformed credential) are cut to this length. */
const MAX_VALUE = 128;

/** Logs one finished request; `startedMs` is `performance.now()` when it arrived. */
export function logRequest(logger: Logger, audit: AuditInput, status: number, startedMs: number): void {
  // Checked once, before anything is built: at `warn` and quieter a request costs nothing here.
  if (logger.enabled?.('info') === false) return;
  logger.info(REQUEST_LOG_MSG, requestLogFields(audit, status, performance.now() - startedMs));
}

export function requestLogFields(audit: AuditInput, status: number, durationMs: number): RequestLogFields {
  const caller = audit.principal
    ? { principal: audit.principal.arn }
    : audit.accessKeyId !== undefined
      ? { accessKeyId: cut(audit.accessKeyId) }
      : {};
  return {
    service: audit.service,
    action: cut(audit.operation),
    status,
    ...(audit.errorCode !== undefined ? { errorCode: audit.errorCode } : {}),
    ...caller,
    durationMs: Math.round(durationMs * 10) / 10,
    requestId: audit.requestId,
  };
}

function cut(value: string): string {
  return value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE)}…` : value;
}
