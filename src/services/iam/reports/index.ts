import type { Operation } from '../../operation.js';
import { generateCredentialReport } from './generate-credential-report.js';
import { getCredentialReport } from './get-credential-report.js';

/** The credential report and the access advisor (service last accessed). */
export const REPORT_OPERATIONS: readonly Operation[] = [generateCredentialReport, getCredentialReport];
