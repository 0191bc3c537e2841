/**
 * SigV4 timestamps: the ISO 8601 basic format `yyyyMMddTHHmmssZ` (X-Amz-Date), and the HTTP
 * `Date` header (IMF-fixdate, RFC 9110) which clients may send instead. Pure: no clock is read;
 * `Date.UTC` and `new Date(ms)` only convert.
 */

const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const IMF_FIXDATE = /^[A-Z][a-z]{2}, (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function utcMs(y: number, mo: number, d: number, h: number, mi: number, s: number): number | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  // Reject dates such as 20150231 that Date.UTC would silently roll over.
  return new Date(ms).getUTCDate() === d ? ms : undefined;
}

/** Milliseconds since the epoch for `yyyyMMddTHHmmssZ`, or undefined if it is not that format. */
export function parseAmzDate(value: string): number | undefined {
  const m = AMZ_DATE.exec(value);
  if (m === null) return undefined;
  return utcMs(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}

/** `yyyyMMddTHHmmssZ` for a time in milliseconds (sub-second part dropped). */
export function formatAmzDate(ms: number): string {
  const iso = new Date(Math.floor(ms / 1000) * 1000).toISOString(); // 2015-08-30T12:36:00.000Z
  return iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10) + 'T' + iso.slice(11, 13) + iso.slice(14, 16) + iso.slice(17, 19) + 'Z';
}

/**
 * The X-Amz-Date form of a request date taken from an `X-Amz-Date` or `Date` header value:
 * the basic format as it is, or an IMF-fixdate converted. Undefined when it is neither.
 */
export function toAmzDate(headerValue: string): string | undefined {
  // Shape only: whether the calendar date exists is for whoever needs the time (the verifier).
  if (AMZ_DATE.test(headerValue)) return headerValue;
  const m = IMF_FIXDATE.exec(headerValue);
  if (m === null) return undefined;
  const month = MONTHS.indexOf(m[2]!) + 1;
  const ms = utcMs(+m[3]!, month, +m[1]!, +m[4]!, +m[5]!, +m[6]!);
  return ms === undefined ? undefined : formatAmzDate(ms);
}
