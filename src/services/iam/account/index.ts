import type { Operation } from '../../operation.js';
import { createAccountAlias } from './create-account-alias.js';
import { deleteAccountAlias } from './delete-account-alias.js';
import { getAccountSummary } from './get-account-summary.js';
import { listAccountAliases } from './list-account-aliases.js';

export { accountIdForAlias } from './account-alias-record.js';

export const ACCOUNT_OPERATIONS: readonly Operation[] = [getAccountSummary, createAccountAlias, deleteAccountAlias, listAccountAliases];
