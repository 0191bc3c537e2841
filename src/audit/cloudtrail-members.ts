import { boundedMemo } from '../kernel/bounded-memo.js';

/**
 * CloudTrail spells an operation's members with a lower-case first letter at every depth
 * (`RoleArn` → `roleArn`, `Tags[].Key` → `tags[].key`, `SAMLAssertion` → `sAMLAssertion`), and
 * shows timestamps in responseElements in Java's medium format (`Oct 2, 2019, 11:12:29 PM`,
 * UTC). These functions turn a redacted operation input or output into that form.
 */

/** Members CloudTrail names differently from the API model (S3 records `bucketName`). */
const RENAMED: Record<string, Record<string, string>> = {
  s3: { Bucket: 'bucketName' },
};

export function toRequestParameters(service: string, value: unknown): Record<string, unknown> | null {
  return asRecord(convert(value, RENAMED[service], false));
}

export function toResponseElements(service: string, value: unknown): Record<string, unknown> | null {
  return asRecord(convert(value, RENAMED[service], true));
}

export function lowerFirst(name: string): string {
  return name.length === 0 ? name : name[0]!.toLowerCase() + name.slice(1);
}

/**
 * Member names repeat from event to event (an operation's members), so their CloudTrail spelling
 * is kept: a lookup by the (internalized) key instead of two new strings that V8 must then hash
 * and internalize again as a property name. Bounded, since S3 metadata or a client may bring
 * names of their own.
 */
const memberName = boundedMemo(2048, lowerFirst);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

/** ISO_SECONDS, with the regular expression run only on strings that end like one. */
function looksIsoSeconds(value: string): boolean {
  return value.length >= 20 && value.charCodeAt(value.length - 1) === 0x5a && ISO_SECONDS.test(value);
}

/**
 * Response timestamps as formatted lately: a busy server hands out the same expiry (now + the
 * session's duration) for every request of a second.
 */
const javaMediumDateOfIso = boundedMemo(64, (iso: string) => javaMediumDate(Date.parse(iso)));

/** `Oct 2, 2019, 11:12:29 PM` (UTC), as CloudTrail shows response timestamps. */
export function javaMediumDate(ms: number): string {
  const d = new Date(ms);
  const h = d.getUTCHours();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}, ${h % 12 === 0 ? 12 : h % 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}

function convert(value: unknown, renamed: Record<string, string> | undefined, response: boolean): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'string') return response && looksIsoSeconds(value) ? javaMediumDateOfIso(value) : value;
  if (typeof value !== 'object') return value;
  if (value instanceof Date) return response ? javaMediumDate(value.getTime()) : value.toISOString();
  if (Array.isArray(value)) return value.map((v) => convert(v, undefined, response));
  const out: Record<string, unknown> = {};
  const source = value as Record<string, unknown>;
  // Object.keys rather than entries: no [key, value] array per member.
  for (const key of Object.keys(source)) {
    const member = source[key];
    if (member === undefined) continue;
    // Renames apply at the top level only: a nested `Bucket` is some other structure's member.
    out[renamed?.[key] ?? memberName(key)] = convert(member, undefined, response);
  }
  return out;
}

/** An empty or missing object is `null` in a record (GetCallerIdentity has no parameters). */
function asRecord(value: unknown): Record<string, unknown> | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  return Object.keys(value).length === 0 ? null : (value as Record<string, unknown>);
}
