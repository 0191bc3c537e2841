/**
 * The credential report's CSV, as AWS writes it (IAM User Guide, "Generate credential reports"):
 * one header line, the `<root_account>` row first, then one row per user, lines joined by `\n`;
 * booleans are `true`/`false`, times ISO 8601 with whole seconds and `+00:00`. A value that does
 * not apply is `N/A`; `not_supported` marks what the root user has no such thing for (a password
 * is not IAM's for the root); `no_information` a password never used. Pure: the rows come in.
 */
export const CREDENTIAL_REPORT_COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
] as const;

/** An access key as the report shows it. Times are epoch ms. */
export interface ReportKey {
  active: boolean;
  created: number;
  lastUsed?: { date: number; region?: string; service?: string };
}

export interface ReportCertificate {
  active: boolean;
  uploaded: number;
}

/** What the report says about a password: none, or its times. */
export type ReportPassword =
  { kind: 'none' } | { kind: 'root'; lastUsed?: number } | { kind: 'user'; lastUsed?: number; lastChanged: number; nextRotation?: number };

export interface CredentialReportRow {
  /** `<root_account>` for the root user. */
  user: string;
  arn: string;
  created: number;
  password: ReportPassword;
  mfaActive: boolean;
  /** Oldest first; the report shows the first two. */
  keys: readonly ReportKey[];
  certificates: readonly ReportCertificate[];
}

export const ROOT_ACCOUNT_USER = '<root_account>';

/** `2015-06-17T19:11:50+00:00`: whole seconds, UTC written as an offset. */
export function reportTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', '+00:00');
}

const NA = 'N/A';
const flag = (b: boolean) => (b ? 'true' : 'false');
const timeOr = (ms: number | undefined, otherwise: string) => (ms === undefined ? otherwise : reportTime(ms));

function passwordCells(p: ReportPassword): string[] {
  switch (p.kind) {
    case 'none':
      return ['false', NA, NA, NA];
    case 'root':
      return ['not_supported', timeOr(p.lastUsed, 'no_information'), 'not_supported', 'not_supported'];
    case 'user':
      return ['true', timeOr(p.lastUsed, 'no_information'), reportTime(p.lastChanged), timeOr(p.nextRotation, NA)];
  }
}

function keyCells(k: ReportKey | undefined): string[] {
  if (!k) return ['false', NA, NA, NA, NA];
  const used = k.lastUsed;
  return [flag(k.active), reportTime(k.created), timeOr(used?.date, NA), used?.region ?? NA, used?.service ?? NA];
}

function certCells(c: ReportCertificate | undefined): string[] {
  return c ? [flag(c.active), reportTime(c.uploaded)] : ['false', NA];
}

/** Names and ARNs hold no comma or quote (IAM's name pattern), but quote defensively as RFC 4180 does. */
function cell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function credentialReportRow(row: CredentialReportRow): string {
  const cells = [
    row.user,
    row.arn,
    reportTime(row.created),
    ...passwordCells(row.password),
    flag(row.mfaActive),
    ...keyCells(row.keys[0]),
    ...keyCells(row.keys[1]),
    ...certCells(row.certificates[0]),
    ...certCells(row.certificates[1]),
  ];
  return cells.map(cell).join(',');
}

/**
 * The whole report: header, then the rows in the order given (the root's first). Lines are joined
 * by `\n` with none after the last row (docs/iam/reports.md).
 */
export function credentialReportCsv(rows: readonly CredentialReportRow[]): string {
  return [CREDENTIAL_REPORT_COLUMNS.join(','), ...rows.map(credentialReportRow)].join('\n');
}
