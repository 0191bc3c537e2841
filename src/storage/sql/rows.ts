import type { Tag } from '../../model/entities.js';
import type { SqlValue } from './driver.js';

/** Conversions between domain values and column values, the same for every backend. */

/** PostgreSQL returns BIGINT (and COUNT) as strings so no precision is lost; epoch ms fit a double. */
export function num(value: number | string | bigint): number {
  return typeof value === 'number' ? value : Number(value);
}

export function optNum(value: number | string | bigint | null | undefined): number | undefined {
  return value === null || value === undefined ? undefined : num(value);
}

export function optStr(value: string | null | undefined): string | undefined {
  return value === null || value === undefined ? undefined : value;
}

/** Column value of an optional field (drivers reject `undefined`). */
export function orNull(value: string | number | null | undefined): SqlValue {
  return value === undefined ? null : value;
}

export function tagsToText(tags: readonly Tag[] | undefined): string {
  return JSON.stringify((tags ?? []).map((t) => ({ Key: t.Key, Value: t.Value })));
}

export function tagsFromText(text: string): Tag[] {
  return JSON.parse(text) as Tag[];
}

/**
 * The case-folded name that carries uniqueness and ordering. Done here, not with SQL `lower()`,
 * because SQLite's `lower()` folds ASCII only while PostgreSQL's follows the locale.
 */
export function fold(name: string): string {
  return name.toLowerCase();
}

/** Copies defined fields only, so a missing optional column gives a missing property. */
export function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as T;
}
