import { parseArn, splitIamResource } from '../model/arns.js';
import type { Tag } from '../model/entities.js';
import { RECORD_ARN_TYPES } from '../model/record-kinds.js';
import type { Store } from '../storage/store.js';
import type { RoleCache } from './role-cache.js';

/**
 * What the request context needs to know of the resource an action targets: its owner, and,
 * for IAM entities, its tags and permissions boundary as stored. `exists` is false for a resource
 * that is not there (yet): a create, or a name that the handler will answer NoSuchEntity for.
 */
export interface ResourceTarget {
  arn: string;
  accountId?: string;
  exists: boolean;
  tags?: readonly Tag[];
  permissionsBoundary?: string;
}

/** The account of an ARN (`arn:aws:iam::123456789012:user/x`), when it names one. */
export function accountOfArn(arn: string): string | undefined {
  const account = parseArn(arn)?.account;
  return account !== undefined && /^\d{12}$/.test(account) ? account : undefined;
}

/**
 * Looks up the IAM entity an ARN names (user, role, managed policy, virtual MFA device) for its tags and boundary.
 * Roles come from the role cache (AssumeRole's and GetRole's hot path); the others are read
 * only when a policy being evaluated tests a resource key (the authorizer decides).
 */
export async function loadIamTarget(store: Store, roles: RoleCache, arn: string): Promise<ResourceTarget> {
  const parsed = parseArn(arn);
  const accountId = accountOfArn(arn);
  const none: ResourceTarget = { arn, accountId, exists: false };
  if (!parsed || parsed.service !== 'iam' || accountId === undefined) return none;
  const parts = splitIamResource(parsed.resource);
  if (!parts) return none;
  switch (parts.type) {
    case 'user': {
      const user = await store.users.getByName(accountId, parts.name);
      return user && user.arn === arn
        ? { arn, accountId, exists: true, tags: user.tags, permissionsBoundary: user.permissionsBoundaryArn }
        : none;
    }
    case 'role': {
      const role = await roles.get(accountId, parts.name);
      return role && role.arn === arn
        ? { arn, accountId, exists: true, tags: role.tags, permissionsBoundary: role.permissionsBoundaryArn }
        : none;
    }
    case 'policy': {
      const policy = await store.managedPolicies.get(arn);
      return policy ? { arn, accountId, exists: true, tags: policy.tags } : none;
    }
    case 'mfa': {
      // A virtual MFA device's serial number is its ARN.
      const device = await store.mfaDevices.get(arn);
      return device ? { arn, accountId, exists: true, tags: device.tags } : none;
    }
    default:
      return loadRecordTarget(store, arn, accountId, parsed.resource, parts) ?? none;
  }
}

/**
 * A resource kept as an IAM record (instance profile, OIDC/SAML provider, server certificate):
 * its tags are the record value's `tags` (src/model/record-kinds.ts).
 */
function loadRecordTarget(
  store: Store,
  arn: string,
  accountId: string,
  resource: string,
  parts: { type: string; path: string; name: string },
): Promise<ResourceTarget> | undefined {
  const how = RECORD_ARN_TYPES[parts.type];
  if (!how) return undefined;
  const name = how.name === 'after-type' ? resource.slice(parts.type.length + 1) : parts.name;
  return store.records.get(how.kind, accountId, name).then((row) => {
    if (!row) return { arn, accountId, exists: false };
    const value = JSON.parse(row.body) as { tags?: Tag[] };
    return { arn, accountId, exists: true, tags: value.tags ?? [] };
  });
}
