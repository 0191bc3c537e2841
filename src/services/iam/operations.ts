import type { Operation } from '../operation.js';
import { USER_OPERATIONS } from './users/index.js';
import { ACCESS_KEY_OPERATIONS } from './access-keys/index.js';
import { GROUP_OPERATIONS } from './groups/index.js';
import { INLINE_POLICY_OPERATIONS } from './inline-policies/index.js';
import { ATTACHED_POLICY_OPERATIONS } from './attached-policies/index.js';
import { ACCOUNT_OPERATIONS } from './account/index.js';
import { ROLE_OPERATIONS } from './roles/index.js';
import { POLICY_OPERATIONS } from './policies/index.js';
import { AUTHORIZATION_DETAILS_OPERATIONS } from './authorization-details/index.js';
import { INSTANCE_PROFILE_OPERATIONS } from './instance-profiles/index.js';
import { MFA_OPERATIONS } from './mfa/index.js';
import { SIMULATE_OPERATIONS } from './simulate/index.js';
import { SERVICE_LINKED_ROLE_OPERATIONS } from './service-linked-roles/index.js';
import { OIDC_PROVIDER_OPERATIONS } from './oidc-providers/index.js';
import { SAML_PROVIDER_OPERATIONS } from './saml-providers/index.js';
import { LOGIN_PROFILE_OPERATIONS } from './login-profiles/index.js';
import { CERTIFICATE_OPERATIONS } from './certificates/index.js';
import { SSH_KEY_OPERATIONS } from './ssh-keys/index.js';
import { SERVICE_SPECIFIC_CREDENTIAL_OPERATIONS } from './service-specific-credentials/index.js';
import { REPORT_OPERATIONS } from './reports/index.js';
import { ORGANIZATIONS_OPERATIONS } from './organizations/index.js';
import { DELEGATION_REQUEST_OPERATIONS } from './delegation-requests/index.js';
import { ACCOUNT_SETTINGS_OPERATIONS } from './account-settings/index.js';

/** IAM operations by Action name; each area of the API contributes its own list. */
export const IAM_OPERATIONS: ReadonlyMap<string, Operation> = new Map(
  [
    ...USER_OPERATIONS,
    ...ACCESS_KEY_OPERATIONS,
    ...GROUP_OPERATIONS,
    ...INLINE_POLICY_OPERATIONS,
    ...ATTACHED_POLICY_OPERATIONS,
    ...ACCOUNT_OPERATIONS,
    ...ROLE_OPERATIONS,
    ...POLICY_OPERATIONS,
    ...AUTHORIZATION_DETAILS_OPERATIONS,
    ...INSTANCE_PROFILE_OPERATIONS,
    ...MFA_OPERATIONS,
    ...SIMULATE_OPERATIONS,
    ...SERVICE_LINKED_ROLE_OPERATIONS,
    ...OIDC_PROVIDER_OPERATIONS,
    ...SAML_PROVIDER_OPERATIONS,
    ...LOGIN_PROFILE_OPERATIONS,
    ...CERTIFICATE_OPERATIONS,
    ...SSH_KEY_OPERATIONS,
    ...SERVICE_SPECIFIC_CREDENTIAL_OPERATIONS,
    ...REPORT_OPERATIONS,
    ...ORGANIZATIONS_OPERATIONS,
    ...DELEGATION_REQUEST_OPERATIONS,
    ...ACCOUNT_SETTINGS_OPERATIONS,
  ].map((op) => [op.name, op]),
);
