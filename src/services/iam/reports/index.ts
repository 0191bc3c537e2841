import type { Operation } from '../../operation.js';

/** The credential report and the access advisor (service last accessed). */
export const REPORT_OPERATIONS: readonly Operation[] = [];
