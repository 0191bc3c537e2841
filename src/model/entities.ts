/**
 * The IAM domain as stored. Timestamps are epoch milliseconds. Names keep the caller's casing;
 * uniqueness is case-insensitive per account (the store enforces it).
 * Policy documents are kept verbatim, exactly as the caller sent them: IAM returns them unchanged.
 */
export interface Tag {
  Key: string;
  Value: string;
}

export interface Account {
  accountId: string;
  createDate: number;
}

export interface User {
  accountId: string;
  userName: string;
  userId: string;
  path: string;
  arn: string;
  createDate: number;
  permissionsBoundaryArn?: string;
  tags: Tag[];
}

/** The owner of an access key: an IAM user, or the account root when userName is null. */
export interface AccessKey {
  accessKeyId: string;
  accountId: string;
  userName: string | null;
  status: 'Active' | 'Inactive';
  /** The secret, sealed with the at-rest key (see src/tokens/secret-box.ts). */
  secretSealed: string;
  createDate: number;
  lastUsedDate?: number;
  lastUsedService?: string;
  lastUsedRegion?: string;
}

export interface Group {
  accountId: string;
  groupName: string;
  groupId: string;
  path: string;
  arn: string;
  createDate: number;
}

export interface Role {
  accountId: string;
  roleName: string;
  roleId: string;
  path: string;
  arn: string;
  createDate: number;
  assumeRolePolicyDocument: string;
  description?: string;
  maxSessionDuration: number;
  permissionsBoundaryArn?: string;
  tags: Tag[];
  lastUsedDate?: number;
  lastUsedRegion?: string;
}

export type PrincipalKind = 'user' | 'group' | 'role';

export interface InlinePolicy {
  accountId: string;
  ownerKind: PrincipalKind;
  /** The owner's unique id (AIDA…/AGPA…/AROA…), so renames keep the policy. */
  ownerId: string;
  policyName: string;
  document: string;
}

export interface ManagedPolicy {
  accountId: string;
  policyName: string;
  policyId: string;
  path: string;
  arn: string;
  description?: string;
  defaultVersionId: string;
  createDate: number;
  updateDate: number;
  tags: Tag[];
}

export interface PolicyVersion {
  policyArn: string;
  versionId: string;
  document: string;
  createDate: number;
}

export interface Attachment {
  accountId: string;
  ownerKind: PrincipalKind;
  ownerId: string;
  policyArn: string;
}
