import type { Operation } from '../../operation.js';
import { generateCredentialReport } from './generate-credential-report.js';
import { generateServiceLastAccessedDetails } from './generate-service-last-accessed-details.js';
import { getCredentialReport } from './get-credential-report.js';
import { getServiceLastAccessedDetails } from './get-service-last-accessed-details.js';
import { getServiceLastAccessedDetailsWithEntities } from './get-service-last-accessed-details-with-entities.js';
import { listPoliciesGrantingServiceAccess } from './list-policies-granting-service-access.js';

/** The credential report and the access advisor (service last accessed). */
export const REPORT_OPERATIONS: readonly Operation[] = [
  generateCredentialReport,
  getCredentialReport,
  generateServiceLastAccessedDetails,
  getServiceLastAccessedDetails,
  getServiceLastAccessedDetailsWithEntities,
  listPoliciesGrantingServiceAccess,
];
