import type { SessionRevocations } from '../../authn/session-revocations.js';
import { parseArn } from '../../model/arns.js';
import type { Store } from '../../storage/store.js';

/**
 * Voids every session of a role (or one named session) issued up to now. Sessions issued in the
 * current second are included: a revocation must never miss the session it was meant for.
 * Returns false when the role does not exist.
 */
export async function revokeRoleSessions(
  store: Store,
  revocations: SessionRevocations,
  roleArn: string,
  sessionName: string | undefined,
  now: number,
): Promise<boolean> {
  const parsed = parseArn(roleArn);
  if (!parsed || parsed.service !== 'iam' || !parsed.resource.startsWith('role/')) return false;
  const role = await store.roles.getByName(parsed.account, parsed.resource.slice(parsed.resource.lastIndexOf('/') + 1));
  if (!role || role.arn !== roleArn) return false;
  await revocations.revoke({ roleId: role.roleId, sessionName, before: Math.floor(now / 1000) + 1 }, now);
  return true;
}
