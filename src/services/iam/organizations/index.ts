import type { Operation } from '../../operation.js';
import { generateOrganizationsAccessReport } from './generate-organizations-access-report.js';
import { getOrganizationsAccessReport } from './get-organizations-access-report.js';
import {
  disableOrganizationsRootCredentialsManagement,
  disableOrganizationsRootSessions,
  enableOrganizationsRootCredentialsManagement,
  enableOrganizationsRootSessions,
  listOrganizationsFeatures,
} from './no-organization.js';

/** The Organizations-dependent actions, answered as AWS does for an account with no organization. */
export const ORGANIZATIONS_OPERATIONS: readonly Operation[] = [
  enableOrganizationsRootCredentialsManagement,
  disableOrganizationsRootCredentialsManagement,
  enableOrganizationsRootSessions,
  disableOrganizationsRootSessions,
  listOrganizationsFeatures,
  generateOrganizationsAccessReport,
  getOrganizationsAccessReport,
];
