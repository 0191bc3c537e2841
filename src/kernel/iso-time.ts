let cachedSecond = Number.NaN;
let cachedText = '';

/**
 * AWS wire timestamps: ISO 8601 UTC with whole seconds, e.g. 2020-10-23T23:57:53Z. A request asks
 * for the current second several times (aws:CurrentTime per decision, the credentials' expiry,
 * the audit event), and a busy server formats the same second thousands of times: the last one is
 * kept.
 */
export function isoSeconds(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second === cachedSecond) return cachedText;
  const text = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
  cachedSecond = second;
  cachedText = text;
  return text;
}
