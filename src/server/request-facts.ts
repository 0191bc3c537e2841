import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { AuditInput } from '../audit/audit-input.js';
import type { RequestFacts } from '../authz/request-context.js';

/** What every pipeline reads off the connection, in one place. */
function sourceIp(req: IncomingMessage): string {
  return (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
}

/** The audit record a pipeline starts with and fills in as the request gets further. */
export function startAudit(req: IncomingMessage, requestId: string, now: number, service: string, region: string): AuditInput {
  return {
    requestId,
    time: now,
    service,
    operation: 'Unknown',
    sourceIp: sourceIp(req),
    userAgent: req.headers['user-agent'] ?? '',
    region,
    readOnly: false,
  };
}

/** The request facts that become global condition keys (aws:SourceIp, aws:SecureTransport, …). */
export function requestFacts(req: IncomingMessage, region: string, now: number): RequestFacts {
  return {
    sourceIp: sourceIp(req),
    userAgent: req.headers['user-agent'] ?? '',
    secureTransport: (req.socket as TLSSocket).encrypted === true,
    region,
    now,
  };
}
