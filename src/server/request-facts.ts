import type { AuditInput } from '../audit/audit-input.js';
import type { RequestFacts } from '../authz/request-context.js';
import { firstHeader, type ApiRequest } from './edge/api-request.js';

/** The audit record the pipeline starts with and fills in as the request gets further. */
export function startAudit(request: ApiRequest, requestId: string, now: number, service: string, region: string): AuditInput {
  return {
    requestId,
    time: now,
    service,
    operation: 'Unknown',
    sourceIp: request.sourceIp,
    userAgent: firstHeader(request, 'user-agent') ?? '',
    region,
    readOnly: false,
  };
}

/** The request facts that become global condition keys (aws:SourceIp, aws:SecureTransport, …). */
export function requestFacts(request: ApiRequest, region: string, now: number): RequestFacts {
  return {
    sourceIp: request.sourceIp,
    userAgent: firstHeader(request, 'user-agent') ?? '',
    secureTransport: request.secure,
    region,
    now,
  };
}
