import { shape } from '../../../model/shapes.js';
import { permissionsBoundaryOutput, tagListOutput } from './output-shapes.js';

/**
 * IAM's output structures (the API model's names and member order) for roles, managed and inline
 * policies, authorization details, instance profiles and the policy simulator, shared by several
 * operations. Each operation's own output shape is declared with its definition.
 */
const text = shape.string();
const integer = shape.integer();
const boolean = shape.boolean();
/** IAM's policyDocumentType: URL-encoded on the Query wire. */
const policyDocument = shape.string({ policyDocument: true });

/** `IsTruncated` and `Marker` of IAM's paged lists. */
/** The members of a paginated answer (defined with the other shared structures). */
export { pageOutput } from './output-shapes.js';

export const roleLastUsedOutput = shape.struct({ LastUsedDate: text, Region: text });

/** IAM's `Role` (roleView). */
export const roleOutput = shape.struct({
  Path: text,
  RoleName: text,
  RoleId: text,
  Arn: text,
  CreateDate: text,
  AssumeRolePolicyDocument: policyDocument,
  Description: text,
  MaxSessionDuration: integer,
  PermissionsBoundary: permissionsBoundaryOutput,
  Tags: tagListOutput,
  RoleLastUsed: roleLastUsedOutput,
});

/** IAM's `Policy` (policyView). */
export const policyOutput = shape.struct({
  PolicyName: text,
  PolicyId: text,
  Arn: text,
  Path: text,
  DefaultVersionId: text,
  AttachmentCount: integer,
  PermissionsBoundaryUsageCount: integer,
  IsAttachable: boolean,
  Description: text,
  CreateDate: text,
  UpdateDate: text,
  Tags: tagListOutput,
});

/** IAM's `PolicyVersion` (versionView). */
export const policyVersionOutput = shape.struct({
  Document: policyDocument,
  VersionId: text,
  IsDefaultVersion: boolean,
  CreateDate: text,
});

/** IAM's `AttachedPolicy`. */
export const attachedPolicyOutput = shape.struct({ PolicyName: text, PolicyArn: text });

/** ListEntitiesForPolicy's `PolicyGroup`, `PolicyUser`, `PolicyRole`. */
export const policyGroupOutput = shape.struct({ GroupName: text, GroupId: text });
export const policyUserOutput = shape.struct({ UserName: text, UserId: text });
export const policyRoleOutput = shape.struct({ RoleName: text, RoleId: text });

/** IAM's `InstanceProfile` (keysmith has none; the shape is what the lists would hold). */
export const instanceProfileOutput = shape.struct({
  Path: text,
  InstanceProfileName: text,
  InstanceProfileId: text,
  Arn: text,
  CreateDate: text,
  Roles: shape.list(roleOutput),
  Tags: tagListOutput,
});

// GetAccountAuthorizationDetails (detail-views.ts).

/** IAM's `PolicyDetail`: an inline policy in the *DetailList entries. */
export const policyDetailOutput = shape.struct({ PolicyName: text, PolicyDocument: policyDocument });

export const userDetailOutput = shape.struct({
  Path: text,
  UserName: text,
  UserId: text,
  Arn: text,
  CreateDate: text,
  UserPolicyList: shape.list(policyDetailOutput),
  GroupList: shape.list(text),
  AttachedManagedPolicies: shape.list(attachedPolicyOutput),
  PermissionsBoundary: permissionsBoundaryOutput,
  Tags: tagListOutput,
});

export const groupDetailOutput = shape.struct({
  Path: text,
  GroupName: text,
  GroupId: text,
  Arn: text,
  CreateDate: text,
  GroupPolicyList: shape.list(policyDetailOutput),
  AttachedManagedPolicies: shape.list(attachedPolicyOutput),
});

export const roleDetailOutput = shape.struct({
  Path: text,
  RoleName: text,
  RoleId: text,
  Arn: text,
  CreateDate: text,
  AssumeRolePolicyDocument: policyDocument,
  InstanceProfileList: shape.list(instanceProfileOutput),
  RolePolicyList: shape.list(policyDetailOutput),
  AttachedManagedPolicies: shape.list(attachedPolicyOutput),
  PermissionsBoundary: permissionsBoundaryOutput,
  Tags: tagListOutput,
  RoleLastUsed: roleLastUsedOutput,
});

/** IAM's `ManagedPolicyDetail`. */
export const managedPolicyDetailOutput = shape.struct({
  PolicyName: text,
  PolicyId: text,
  Arn: text,
  Path: text,
  DefaultVersionId: text,
  AttachmentCount: integer,
  PermissionsBoundaryUsageCount: integer,
  IsAttachable: boolean,
  Description: text,
  CreateDate: text,
  UpdateDate: text,
  PolicyVersionList: shape.list(policyVersionOutput),
});

// The policy simulator (simulate/evaluation-result.ts).

export const positionOutput = shape.struct({ Line: integer, Column: integer });

/** IAM's `Statement`: a matched statement and where it is in its policy. */
export const statementOutput = shape.struct({
  SourcePolicyId: text,
  SourcePolicyType: text,
  StartPosition: positionOutput,
  EndPosition: positionOutput,
});

export const organizationsDecisionDetailOutput = shape.struct({ AllowedByOrganizations: boolean });
export const permissionsBoundaryDecisionDetailOutput = shape.struct({ AllowedByPermissionsBoundary: boolean });
/** `EvalDecisionDetails`: decision per policy type (`IAM Policy`, `Resource Policy`). */
export const evalDecisionDetailsOutput = shape.map(text);

export const resourceSpecificResultOutput = shape.struct({
  EvalResourceName: text,
  EvalResourceDecision: text,
  MatchedStatements: shape.list(statementOutput),
  MissingContextValues: shape.list(text),
  EvalDecisionDetails: evalDecisionDetailsOutput,
  PermissionsBoundaryDecisionDetail: permissionsBoundaryDecisionDetailOutput,
});

/** IAM's `EvaluationResult`. */
export const evaluationResultOutput = shape.struct({
  EvalActionName: text,
  EvalResourceName: text,
  EvalDecision: text,
  MatchedStatements: shape.list(statementOutput),
  MissingContextValues: shape.list(text),
  OrganizationsDecisionDetail: organizationsDecisionDetailOutput,
  PermissionsBoundaryDecisionDetail: permissionsBoundaryDecisionDetailOutput,
  EvalDecisionDetails: evalDecisionDetailsOutput,
  ResourceSpecificResults: shape.list(resourceSpecificResultOutput),
});
