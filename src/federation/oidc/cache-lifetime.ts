/**
 * How long a fetched discovery document or JWKS may be reused, from its HTTP cache headers:
 * `no-store`/`no-cache` → not reused; `max-age` (or `s-maxage`); else `Expires`; else the default.
 * Clamped to [0, one day] so a bad header cannot pin a key set for ever.
 */
export const DEFAULT_LIFETIME_SECONDS = 3600;
const MAX_LIFETIME_SECONDS = 86400;

export function cacheLifetimeSeconds(cacheControl: string | undefined, expires: string | undefined, nowMs: number): number {
  const directives = (cacheControl ?? '')
    .toLowerCase()
    .split(',')
    .map((d) => d.trim());
  if (directives.some((d) => d === 'no-store' || d === 'no-cache')) return 0;
  for (const name of ['s-maxage', 'max-age']) {
    const found = directives.find((d) => d.startsWith(`${name}=`));
    if (found !== undefined) {
      const seconds = Number(found.slice(name.length + 1).replace(/"/g, ''));
      if (Number.isFinite(seconds)) return clamp(Math.floor(seconds));
    }
  }
  if (expires !== undefined) {
    const at = Date.parse(expires);
    return Number.isNaN(at) ? 0 : clamp(Math.floor((at - nowMs) / 1000));
  }
  return DEFAULT_LIFETIME_SECONDS;
}

function clamp(seconds: number): number {
  return Math.min(MAX_LIFETIME_SECONDS, Math.max(0, seconds));
}
