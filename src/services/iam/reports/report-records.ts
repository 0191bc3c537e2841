import { RECORD_KINDS } from '../../../model/record-kinds.js';
import { recordKind } from '../shared/records.js';

/**
 * The account's credential report, as stored: one record named `report` per account (ownerId the
 * account id), holding the CSV as generated and when. Times are epoch ms.
 */
export interface CredentialReportValue {
  generatedTime: number;
  csv: string;
}

export const CREDENTIAL_REPORT_NAME = 'report';
export const credentialReports = recordKind<CredentialReportValue>(RECORD_KINDS.credentialReport);

/**
 * The account password policy, read only for its maximum age (password_next_rotation). Another
 * area writes it; every field is read defensively.
 */
export interface PasswordPolicyValue {
  /** Days; absent or 0 when passwords never expire. */
  maxPasswordAge?: number;
}

export const PASSWORD_POLICY_NAME = 'policy';
export const passwordPolicies = recordKind<PasswordPolicyValue>(RECORD_KINDS.passwordPolicy);
