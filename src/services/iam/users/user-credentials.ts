import { RECORD_KINDS } from '../../../model/record-kinds.js';
import type { Store } from '../../../storage/store.js';

/**
 * The user's credentials kept as IAM records that DeleteUser refuses to orphan, in the order it
 * checks them, with AWS's DeleteConflict text for each (`Cannot delete entity, must … first.`).
 */
export const USER_CREDENTIAL_RECORDS = [
  { kind: RECORD_KINDS.loginProfile, must: 'delete login profile' },
  { kind: RECORD_KINDS.signingCertificate, must: 'delete signing certificates' },
  { kind: RECORD_KINDS.sshPublicKey, must: 'delete SSH public keys' },
  { kind: RECORD_KINDS.serviceSpecificCredential, must: 'remove referenced objects' },
] as const;

/** The `must …` text of the first kind of credential record the user still has, if any. */
export async function remainingCredential(store: Store, accountId: string, userId: string): Promise<string | undefined> {
  for (const { kind, must } of USER_CREDENTIAL_RECORDS) {
    if ((await store.records.count(kind, accountId, userId)) > 0) return must;
  }
  return undefined;
}
