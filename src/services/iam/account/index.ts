import type { Operation } from '../../operation.js';
import { getAccountSummary } from './get-account-summary.js';

export const ACCOUNT_OPERATIONS: readonly Operation[] = [getAccountSummary];
