import { RECORD_KINDS } from '../../../model/record-kinds.js';
import type { Store } from '../../../storage/store.js';
import { recordKind } from '../shared/records.js';

/**
 * The account password policy, as stored: one record per account, named `policy`. Optional
 * members are absent when UpdateAccountPasswordPolicy left them out (AWS then omits them from
 * GetAccountPasswordPolicy too).
 */
export interface PasswordPolicyValue {
  minimumPasswordLength: number;
  requireSymbols: boolean;
  requireNumbers: boolean;
  requireUppercaseCharacters: boolean;
  requireLowercaseCharacters: boolean;
  allowUsersToChangePassword: boolean;
  /** Days; absent: passwords never expire. */
  maxPasswordAge?: number;
  /** How many previous passwords a new one may not repeat; absent: none. */
  passwordReusePrevention?: number;
  hardExpiry?: boolean;
}

export const PASSWORD_POLICY_NAME = 'policy';

export const passwordPolicies = recordKind<PasswordPolicyValue>(RECORD_KINDS.passwordPolicy);

export async function accountPasswordPolicy(store: Store, accountId: string): Promise<PasswordPolicyValue | undefined> {
  return (await passwordPolicies.get(store, accountId, PASSWORD_POLICY_NAME))?.value;
}
