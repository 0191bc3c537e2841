import type { Operation } from '../../operation.js';
import { createServiceSpecificCredential } from './create-service-specific-credential.js';
import { listServiceSpecificCredentials } from './list-service-specific-credentials.js';
import {
  deleteServiceSpecificCredential,
  resetServiceSpecificCredential,
  updateServiceSpecificCredential,
} from './manage-service-specific-credentials.js';

/** Service-specific credentials (CodeCommit, Keyspaces, Bedrock, CloudWatch Logs). */
export const SERVICE_SPECIFIC_CREDENTIAL_OPERATIONS: readonly Operation[] = [
  createServiceSpecificCredential,
  listServiceSpecificCredentials,
  resetServiceSpecificCredential,
  updateServiceSpecificCredential,
  deleteServiceSpecificCredential,
];
