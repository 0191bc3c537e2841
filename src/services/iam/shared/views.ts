import { isoSeconds } from '../../../kernel/iso-time.js';
import type { Group, Role, Tag, User } from '../../../model/entities.js';

/** Entities as IAM's output shapes present them (member names as in the model). */
const tagsOrAbsent = (tags: readonly Tag[]) => (tags.length > 0 ? tags.map((t) => ({ Key: t.Key, Value: t.Value })) : undefined);

export function boundaryView(arn: string | undefined) {
  return arn === undefined ? undefined : { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: arn };
}

/** `passwordLastUsed`: when the user's console password last signed in (login-profiles/), if ever. */
export function userView(user: User, options: { withTags?: boolean; passwordLastUsed?: number } = {}) {
  return {
    Path: user.path,
    UserName: user.userName,
    UserId: user.userId,
    Arn: user.arn,
    CreateDate: isoSeconds(user.createDate),
    PasswordLastUsed: options.passwordLastUsed === undefined ? undefined : isoSeconds(options.passwordLastUsed),
    PermissionsBoundary: options.withTags ? boundaryView(user.permissionsBoundaryArn) : undefined,
    Tags: options.withTags ? tagsOrAbsent(user.tags) : undefined,
  };
}

export function groupView(group: Group) {
  return {
    Path: group.path,
    GroupName: group.groupName,
    GroupId: group.groupId,
    Arn: group.arn,
    CreateDate: isoSeconds(group.createDate),
  };
}

/** `detail` picks the GetRole presence rules; ListRoles and CreateRole leave some members out (§4.2). */
export function roleView(role: Role, mode: 'create' | 'get' | 'list') {
  return {
    Path: role.path,
    RoleName: role.roleName,
    RoleId: role.roleId,
    Arn: role.arn,
    CreateDate: isoSeconds(role.createDate),
    AssumeRolePolicyDocument: role.assumeRolePolicyDocument,
    Description: role.description,
    MaxSessionDuration: mode === 'create' ? undefined : role.maxSessionDuration,
    PermissionsBoundary: mode === 'list' ? undefined : boundaryView(role.permissionsBoundaryArn),
    Tags: mode === 'list' ? undefined : tagsOrAbsent(role.tags),
    RoleLastUsed:
      mode === 'get'
        ? {
            LastUsedDate: role.lastUsedDate === undefined ? undefined : isoSeconds(role.lastUsedDate),
            Region: role.lastUsedRegion,
          }
        : undefined,
  };
}
