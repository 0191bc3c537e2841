import { AwsError } from '../../../errors/aws-error.js';
import type { ListOptions, Page } from '../../../storage/store.js';

/** IAM's defaults: MaxItems 100 when not given. */
export function listOptions(input: {
  Marker?: string | undefined;
  MaxItems?: number | undefined;
  PathPrefix?: string | undefined;
}): ListOptions {
  return { after: input.Marker, limit: input.MaxItems ?? 100, pathPrefix: input.PathPrefix };
}

/** `IsTruncated` is always present; `Marker` only when more follow. */
export function pageResult<T>(page: Page<T>): { IsTruncated: boolean; Marker?: string } {
  return page.nextMarker === undefined ? { IsTruncated: false } : { IsTruncated: true, Marker: page.nextMarker };
}

/** Paginates an in-memory list with a numeric offset marker (for lists the store returns whole). */
export function paginateArray<T>(
  items: readonly T[],
  input: { Marker?: string | undefined; MaxItems?: number | undefined },
): { items: T[]; IsTruncated: boolean; Marker?: string } {
  const start = input.Marker === undefined ? 0 : Number.parseInt(input.Marker, 10);
  if (!Number.isInteger(start) || start < 0 || start > items.length) throw new AwsError('ValidationError', 'Invalid Marker.');
  const limit = input.MaxItems ?? 100;
  const slice = items.slice(start, start + limit);
  const next = start + limit;
  return next < items.length ? { items: slice, IsTruncated: true, Marker: String(next) } : { items: slice, IsTruncated: false };
}
