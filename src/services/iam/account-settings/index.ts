import type { Operation } from '../../operation.js';

/** Account-wide settings: STS preferences, outbound web identity federation, GetHumanReadableSummary. */
export const ACCOUNT_SETTINGS_OPERATIONS: readonly Operation[] = [];
