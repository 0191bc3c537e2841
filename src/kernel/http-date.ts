let cachedSecond = Number.NaN;
let cachedText = '';

/**
 * The `Date` response header (RFC 9110 IMF-fixdate, `Sun, 06 Dec 2026 16:30:49 GMT`) for now. Every
 * response carries one and a busy server answers thousands a second: the last second's text is
 * kept, as Node's own HTTP server does for the header it adds.
 */
export function httpDateNow(nowMs: number = Date.now()): string {
  const second = Math.floor(nowMs / 1000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedText = new Date(second * 1000).toUTCString();
  }
  return cachedText;
}
