import type { Operation } from '../../operation.js';

/** Server certificates and users' signing certificates. */
export const CERTIFICATE_OPERATIONS: readonly Operation[] = [];
