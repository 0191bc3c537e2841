/** Name, path and size rules from the IAM model (reference §4.1, Appendix B). */
export const NAME_PATTERN = /^[\w+=,.@-]+$/;
export const NAME_PATTERN_TEXT = '[\\w+=,.@-]+';
export const PATH_PATTERN = /^(\/|\/[\u0021-\u007E]+\/)$/;
export const PATH_PATTERN_TEXT = '(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)';
export const POLICY_PATH_PATTERN = /^((\/[A-Za-z0-9.,+@=_-]+)*)\/$/;
export const POLICY_PATH_PATTERN_TEXT = '((/[A-Za-z0-9\\.,\\+@=_-]+)*)/';
export const PATH_PREFIX_PATTERN = /^\/[\u0021-\u007F]*$/;
export const PATH_PREFIX_PATTERN_TEXT = '\\u002F[\\u0021-\\u007F]*';
export const TAG_KEY_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u;
export const TAG_VALUE_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
export const TAG_PATTERN_TEXT = '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+';
export const TAG_VALUE_PATTERN_TEXT = '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*';
// eslint-disable-next-line no-control-regex -- a character-set check: the control characters are the point
export const POLICY_DOCUMENT_PATTERN = /^[\u0009\u000A\u000D\u0020-\u00FF]+$/;
export const POLICY_DOCUMENT_PATTERN_TEXT = '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+';

export const QUOTAS = {
  AccessKeysPerUserQuota: 2,
  AssumeRolePolicySizeQuota: 2048,
  AttachedPoliciesPerGroupQuota: 10,
  AttachedPoliciesPerRoleQuota: 10,
  AttachedPoliciesPerUserQuota: 10,
  GlobalEndpointTokenVersion: 1,
  GroupPolicySizeQuota: 5120,
  GroupsPerUserQuota: 10,
  GroupsQuota: 300,
  InstanceProfilesQuota: 1000,
  PoliciesQuota: 1500,
  PolicySizeQuota: 6144,
  PolicyVersionsInUseQuota: 10000,
  RolePolicySizeQuota: 10240,
  RolesQuota: 1000,
  ServerCertificatesQuota: 20,
  SigningCertificatesPerUserQuota: 2,
  UserPolicySizeQuota: 2048,
  UsersQuota: 5000,
  VersionsPerPolicyQuota: 5,
  TagsPerResource: 50,
} as const;

/** IAM counts policy sizes without whitespace. */
export function policySize(document: string): number {
  return document.replace(/\s+/g, '').length;
}
