import { RECORD_KINDS } from '../../../model/record-kinds.js';
import { recordKind } from '../shared/records.js';

/**
 * A GenerateOrganizationsAccessReport job, named by its JobId; `ownerId` is the account id.
 * Without an organization the job has nothing to read: it is FAILED from the start.
 */
export interface OrganizationsAccessReportValue {
  entityPath: string;
  organizationsPolicyId?: string;
}

export const organizationsAccessReports = recordKind<OrganizationsAccessReportValue>(RECORD_KINDS.organizationsAccessReport);
