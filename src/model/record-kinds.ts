/**
 * The kinds of IAM resources kept in the Store's IAM records (src/storage/store.ts,
 * `IamRecordRepository`), by the name their rows carry. Stored data carries these names: never
 * change one once released. Conventions every kind keeps:
 * - `ownerId` is the unique id of the entity the record belongs to: a user's id (AIDA…) for a
 *   user's login profile, keys and certificates, or the account id for the root's; the role id
 *   (AROA…) for the role in an instance profile; the account id for an account alias;
 * - a record whose resource can carry tags keeps them as `tags: Tag[]` in its value, so the
 *   authorizer can read `aws:ResourceTag/…` for it (src/authz/resource-target.ts);
 * - `accountId` is `''` for a kind whose names are one namespace across every account.
 */
export const RECORD_KINDS = {
  instanceProfile: 'instance-profile',
  oidcProvider: 'oidc-provider',
  samlProvider: 'saml-provider',
  loginProfile: 'login-profile',
  passwordPolicy: 'password-policy',
  accountAlias: 'account-alias',
  serverCertificate: 'server-certificate',
  signingCertificate: 'signing-certificate',
  sshPublicKey: 'ssh-public-key',
  serviceSpecificCredential: 'service-specific-credential',
  serviceLinkedRoleDeletion: 'service-linked-role-deletion',
  credentialReport: 'credential-report',
  serviceLastAccessedJob: 'service-last-accessed-job',
  organizationsAccessReport: 'organizations-access-report',
  delegationRequest: 'delegation-request',
  accountSettings: 'account-settings',
  /** keysmith's own: a credential grant (src/services/service-roles/), in the cross-account namespace (`''`). */
  credentialGrant: 'credential-grant',
} as const;

export type RecordKindName = (typeof RECORD_KINDS)[keyof typeof RECORD_KINDS];

/**
 * The ARN resource types whose resources are IAM records, with the record kind and how the
 * record's name follows from the ARN's resource part (`oidc-provider/host/path` is named by the
 * whole `host/path`; the others by their last segment, after the path).
 */
export const RECORD_ARN_TYPES: Readonly<Record<string, { kind: RecordKindName; name: 'last-segment' | 'after-type' }>> = {
  'instance-profile': { kind: RECORD_KINDS.instanceProfile, name: 'last-segment' },
  'oidc-provider': { kind: RECORD_KINDS.oidcProvider, name: 'after-type' },
  'saml-provider': { kind: RECORD_KINDS.samlProvider, name: 'last-segment' },
  'server-certificate': { kind: RECORD_KINDS.serverCertificate, name: 'last-segment' },
};
