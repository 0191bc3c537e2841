import { InvalidMarkerError, type ListOptions, type Page } from '../store.js';
import type { SqlValue } from './driver.js';

/**
 * Keyset pagination shared by every name-ordered list. Rows are ordered by the folded name, then
 * by the exact name (the port's rule); the marker is base64url of that pair, opaque to callers.
 * A keyset (rather than an offset) keeps pages stable when rows are added or removed in between.
 */
export type SortKey = [folded: string, exact: string];

export function encodeMarker(key: SortKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeMarker(marker: string): SortKey {
  try {
    const value: unknown = JSON.parse(Buffer.from(marker, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) {
      return value as SortKey;
    }
  } catch {
    // fall through: reported below without echoing the caller's bytes
  }
  throw new InvalidMarkerError();
}

export interface PageSql {
  /** Extra `AND …` conditions (with a leading ` AND `), or the empty string. */
  where: string;
  whereParams: SqlValue[];
  /** ` ORDER BY … LIMIT ?` */
  tail: string;
  tailParams: SqlValue[];
}

/**
 * SQL fragments for one page. `folded`/`exact`/`path` are column expressions (qualified when the
 * query joins). The path prefix is compared with `substr`, not `LIKE`: SQLite's LIKE ignores ASCII
 * case and both treat `_`/`%` specially.
 */
export function pageSql(options: ListOptions, columns: { folded: string; exact: string; path?: string }): PageSql {
  if (!Number.isInteger(options.limit) || options.limit < 1) {
    throw new Error(`page limit must be a positive integer, got ${options.limit}`);
  }
  let where = '';
  const whereParams: SqlValue[] = [];
  if (options.pathPrefix !== undefined && options.pathPrefix !== '' && columns.path) {
    // Both databases count characters (code points) in substr; so must we.
    where += ` AND substr(${columns.path}, 1, ?) = ?`;
    whereParams.push([...options.pathPrefix].length, options.pathPrefix);
  }
  if (options.after !== undefined) {
    const [folded, exact] = decodeMarker(options.after);
    where += ` AND (${columns.folded} > ? OR (${columns.folded} = ? AND ${columns.exact} > ?))`;
    whereParams.push(folded, folded, exact);
  }
  return {
    where,
    whereParams,
    tail: ` ORDER BY ${columns.folded}, ${columns.exact} LIMIT ?`,
    // One extra row tells whether another page follows.
    tailParams: [options.limit + 1],
  };
}

export function toPage<R, T>(rows: R[], limit: number, map: (row: R) => T, keyOf: (row: R) => SortKey): Page<T> {
  if (rows.length <= limit) return { items: rows.map(map) };
  const shown = rows.slice(0, limit);
  return { items: shown.map(map), nextMarker: encodeMarker(keyOf(shown[shown.length - 1]!)) };
}
