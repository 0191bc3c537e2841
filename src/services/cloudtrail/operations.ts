import type { CloudTrailOperation } from './cloudtrail-operation.js';
import { lookupEvents } from './lookup-events.js';

/** The CloudTrail operations keysmith answers, by name (the part after the X-Amz-Target prefix). */
export const CLOUDTRAIL_OPERATIONS: ReadonlyMap<string, CloudTrailOperation> = new Map([[lookupEvents.name, lookupEvents]]);
