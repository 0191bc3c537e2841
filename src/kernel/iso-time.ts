/** AWS wire timestamps: ISO 8601 UTC with whole seconds, e.g. 2020-10-23T23:57:53Z. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
