import { AwsError } from '../../../errors/aws-error.js';

/**
 * Pagination over a list assembled in memory (merged sources, filters the store cannot apply).
 * Items are ordered by a tuple of strings; the marker is the last shown item's key, so a page
 * boundary stays put when items are added or removed in between (an offset would skip or repeat).
 */
export type SortKey = readonly string[];

export function compareKeys(a: SortKey, b: SortKey): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export function sortByKey<T>(items: readonly T[], keyOf: (item: T) => SortKey): T[] {
  return [...items].sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
}

function decodeMarker(marker: string): SortKey {
  try {
    const value: unknown = JSON.parse(Buffer.from(marker, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) return value;
  } catch {
    // reported below
  }
  throw new AwsError('ValidationError', 'Invalid Marker.');
}

/** `sorted` must already be in key order (see sortByKey). MaxItems defaults to 100, as in IAM. */
export function keysetPage<T>(
  sorted: readonly T[],
  keyOf: (item: T) => SortKey,
  input: { Marker?: string | undefined; MaxItems?: number | undefined },
): { items: T[]; IsTruncated: boolean; Marker?: string } {
  const limit = input.MaxItems ?? 100;
  let start = 0;
  if (input.Marker !== undefined) {
    const after = decodeMarker(input.Marker);
    start = sorted.findIndex((item) => compareKeys(keyOf(item), after) > 0);
    if (start < 0) start = sorted.length;
  }
  const items = sorted.slice(start, start + limit);
  if (start + limit >= sorted.length) return { items, IsTruncated: false };
  const last = items[items.length - 1]!;
  return { items, IsTruncated: true, Marker: Buffer.from(JSON.stringify(keyOf(last)), 'utf8').toString('base64url') };
}
