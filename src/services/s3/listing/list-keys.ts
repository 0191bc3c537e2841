import type { S3Object, Store } from '../../../storage/store.js';

export interface ListStart {
  after: string;
  /** Skip every key that starts with `after` (it was a common prefix). */
  skipPrefix: boolean;
}

export interface ListEntry {
  object?: S3Object;
  commonPrefix?: string;
}

export interface ListedKeys {
  entries: ListEntry[];
  truncated: boolean;
  /** Where the next page starts, when truncated. */
  next?: ListStart;
}

const BATCH = 1000;

/** The common prefix a key rolls up into, or undefined when it has no delimiter after the prefix. */
export function rollUp(key: string, prefix: string, delimiter: string | undefined): string | undefined {
  if (!delimiter || !key.startsWith(prefix)) return undefined;
  const at = key.indexOf(delimiter, prefix.length);
  return at < 0 ? undefined : key.slice(0, at + delimiter.length);
}

/**
 * Where a list resumes after a marker (ListObjects' marker, ListObjectsV2's start-after): after
 * that key; and when the marker is itself a common prefix (a NextMarker), after every key under it.
 */
export function startAfter(marker: string, prefix: string, delimiter: string | undefined): ListStart {
  return { after: marker, skipPrefix: rollUp(marker, prefix, delimiter) === marker };
}

/**
 * One page of ListObjects(V2): keys under `prefix` in byte order, those containing `delimiter`
 * after the prefix rolled up into one common prefix each, `maxKeys` entries (keys and common
 * prefixes together) at most. Each common prefix costs a new query that skips its keys, so a
 * folder of a million objects is one row read, not a million.
 */
export async function listKeys(
  store: Store,
  bucket: string,
  options: { prefix: string; delimiter?: string; start?: ListStart; maxKeys: number },
): Promise<ListedKeys> {
  const { prefix, delimiter, maxKeys } = options;
  const entries: ListEntry[] = [];
  let cursor = options.start;
  for (;;) {
    const limit = Math.min(maxKeys - entries.length, BATCH) + 1;
    const batch = await store.s3Objects.list(bucket, { prefix, after: cursor?.after, skipPrefix: cursor?.skipPrefix, limit });
    let rolled = false;
    for (const object of batch) {
      if (entries.length >= maxKeys) return { entries, truncated: true, next: cursor };
      const common = rollUp(object.key, prefix, delimiter);
      if (common !== undefined) {
        entries.push({ commonPrefix: common });
        cursor = { after: common, skipPrefix: true };
        rolled = true;
        break;
      }
      entries.push({ object });
      cursor = { after: object.key, skipPrefix: false };
    }
    if (!rolled && batch.length < limit) return { entries, truncated: false };
  }
}

/** ListObjectsV2's continuation token: opaque to clients, the resume point inside. */
export function encodeContinuation(start: ListStart): string {
  return Buffer.from(JSON.stringify([start.after, start.skipPrefix ? 1 : 0]), 'utf8').toString('base64url');
}

export function decodeContinuation(token: string): ListStart | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && (value[1] === 0 || value[1] === 1)) {
      return { after: value[0], skipPrefix: value[1] === 1 };
    }
  } catch {
    // not a token of ours
  }
  return undefined;
}
