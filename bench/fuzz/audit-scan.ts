import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * After the run: the server's audit.jsonl, read line by line. Two checks the HTTP answers
 * cannot make: events recorded with a server-fault error code (e.g. a client that went away
 * audited as InternalError), and secrets that reached the audit (signatures of presigned URLs,
 * secret keys, session tokens — docs/audit.md says they never do).
 */
export interface AuditScan {
  file: string;
  events: number;
  unparsable: number;
  /** errorCode → count, for server-fault codes. */
  faultCodes: Map<string, number>;
  /** Examples: eventName, errorCode, errorMessage, requestID, whether the client got a 5xx. */
  faultExamples: string[];
  faultsWithout5xx: number;
  /** Member paths holding a signature or secret that is not redacted. */
  leaks: Map<string, number>;
  leakExamples: string[];
}

const FAULT_CODES =
  /^(InternalError|InternalFailure|InternalServerError|ServiceUnavailable|ServiceFailure|ServerException|InternalServiceError|ServiceUnavailableException|InternalFailureException)$/;
const SECRET_MEMBER = /^(signature|x-amz-signature|authorization|x-amz-security-token|secretaccesskey|sessiontoken|secretkey)$/i;
const HIDDEN = 'HIDDEN_DUE_TO_SECURITY_REASONS';

export async function scanAudit(
  file: string,
  secrets: readonly string[],
  fiveXxRequestIds: ReadonlySet<string>,
): Promise<AuditScan | undefined> {
  if (!existsSync(file)) return undefined;
  const scan: AuditScan = {
    file,
    events: 0,
    unparsable: 0,
    faultCodes: new Map(),
    faultExamples: [],
    faultsWithout5xx: 0,
    leaks: new Map(),
    leakExamples: [],
  };
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    scan.events++;
    let event: Record<string, unknown>;
    try {
      event = JSON.parse(line) as Record<string, unknown>;
    } catch {
      scan.unparsable++;
      continue;
    }
    const code = typeof event.errorCode === 'string' ? event.errorCode : undefined;
    if (code !== undefined && FAULT_CODES.test(code)) {
      scan.faultCodes.set(code, (scan.faultCodes.get(code) ?? 0) + 1);
      const answered5xx = typeof event.requestID === 'string' && fiveXxRequestIds.has(event.requestID);
      if (!answered5xx) scan.faultsWithout5xx++;
      if (scan.faultExamples.length < 12) {
        scan.faultExamples.push(
          `${String(event.eventSource)} ${String(event.eventName)} ${code} "${(typeof event.errorMessage === 'string' ? event.errorMessage : '').slice(0, 120)}" requestID=${String(event.requestID)}${answered5xx ? '' : ' (the client got no 5xx)'}`,
        );
      }
    }
    walk(event, '', (path, value) => {
      const name = path.split('.').pop() ?? '';
      if (SECRET_MEMBER.test(name) && typeof value === 'string' && value !== HIDDEN && value !== '')
        leak(scan, `${String(event.eventName)}: ${path}`, value);
    });
    for (const s of secrets) {
      if (s.length >= 16 && line.includes(s))
        leak(scan, `${String(event.eventName)}: a secret or session token of the run`, s.slice(0, 8) + '…');
    }
  }
  return scan;
}

function leak(scan: AuditScan, where: string, value: string): void {
  scan.leaks.set(where, (scan.leaks.get(where) ?? 0) + 1);
  if (scan.leakExamples.length < 12) scan.leakExamples.push(`${where} = ${value.slice(0, 48)}`);
}

function walk(value: unknown, path: string, visit: (path: string, value: unknown) => void): void {
  if (value === null || typeof value !== 'object') {
    visit(path, value);
    return;
  }
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`, visit));
  else for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k, visit);
}
