import { boundedMemo } from './bounded-memo.js';

/** Recently formatted seconds (at most a handful: now, and expiries such as now + 1 h). */
const secondText = boundedMemo(16, (second: number) => new Date(second * 1000).toISOString().replace('.000Z', 'Z'));

/**
 * AWS wire timestamps: ISO 8601 UTC with whole seconds, e.g. 2020-10-23T23:57:53Z. A request
 * formats the current second several times (aws:CurrentTime per decision, the audit event) and an
 * expiry or two; a busy server formats the same few seconds thousands of times, so they are kept.
 */
export function isoSeconds(ms: number): string {
  return secondText(Math.floor(ms / 1000));
}
