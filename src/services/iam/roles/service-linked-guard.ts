import { AwsError } from '../../../errors/aws-error.js';
import type { Role } from '../../../model/entities.js';

/**
 * Service-linked roles live under `/aws-service-role/<service>/`, and only CreateServiceLinkedRole
 * may put a role there (CreateRole refuses the prefix, as AWS does), so the path marks them.
 */
export const SERVICE_LINKED_PATH_PREFIX = '/aws-service-role/';

export function isServiceLinkedRole(role: Pick<Role, 'path'>): boolean {
  return role.path.startsWith(SERVICE_LINKED_PATH_PREFIX);
}

/**
 * The one guard of the calls AWS refuses on a service-linked role ("only modifiable by AWS"):
 * DeleteRole, UpdateAssumeRolePolicy, UpdateRole's MaxSessionDuration, Put/DeleteRolePolicy,
 * Attach/DetachRolePolicy, Put/DeleteRolePermissionsBoundary, Add/RemoveRoleFromInstanceProfile.
 * The message is AWS's, as real replies show it.
 */
export function refuseServiceLinkedRole(role: Pick<Role, 'path' | 'roleName'>): void {
  if (isServiceLinkedRole(role)) {
    throw new AwsError(
      'UnmodifiableEntity',
      `Cannot perform the operation on the protected role '${role.roleName}' - this role is only modifiable by AWS`,
    );
  }
}

/** CreateRole may not use the service-linked prefix (AWS's InvalidInput text). */
export function refuseServiceLinkedPath(path: string): void {
  if (path.startsWith(SERVICE_LINKED_PATH_PREFIX)) {
    throw new AwsError('InvalidInput', "Path prefix '/aws-service-role/' can only be used for AWS Service linked Roles");
  }
}
