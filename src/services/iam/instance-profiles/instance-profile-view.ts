import { isoSeconds } from '../../../kernel/iso-time.js';
import type { Role } from '../../../model/entities.js';
import type { Store } from '../../../storage/store.js';
import { instanceProfileArn, type InstanceProfileRecord } from './instance-profile-record.js';

/**
 * IAM's `InstanceProfile` as the API returns it. `Roles` is always there (empty for an empty
 * profile); each role carries the members AWS's examples show for a role inside a profile (no
 * tags, boundary or last use). `Tags` is given by Create/GetInstanceProfile when there are any;
 * the lists leave them out ("resource-listing operations return a subset", ListInstanceProfiles).
 */
export function instanceProfileView(record: InstanceProfileRecord, role: Role | undefined, options: { withTags: boolean }) {
  return {
    Path: record.path,
    InstanceProfileName: record.name,
    InstanceProfileId: record.value.instanceProfileId,
    Arn: instanceProfileArn(record),
    CreateDate: isoSeconds(record.createDate),
    Roles: role ? [roleInProfileView(role)] : [],
    Tags: options.withTags && record.value.tags.length > 0 ? record.value.tags.map((t) => ({ Key: t.Key, Value: t.Value })) : undefined,
  };
}

function roleInProfileView(role: Role) {
  return {
    Path: role.path,
    RoleName: role.roleName,
    RoleId: role.roleId,
    Arn: role.arn,
    CreateDate: isoSeconds(role.createDate),
    AssumeRolePolicyDocument: role.assumeRolePolicyDocument,
  };
}

/** The view with its role read from the store (a role deleted under it reads as none). */
export async function loadInstanceProfileView(store: Store, record: InstanceProfileRecord, options: { withTags: boolean }) {
  const role = record.value.roleId === undefined ? undefined : await store.roles.getById(record.value.roleId);
  return instanceProfileView(record, role, options);
}
