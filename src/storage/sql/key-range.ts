/**
 * Byte-order ranges over UTF-8 text. Both backends compare keys as bytes (SQLite's BINARY
 * collation, PostgreSQL's "C"), and UTF-8 byte order is code point order, so a prefix becomes a
 * range `[prefix, successor(prefix))` that an index can serve, with no LIKE or substr.
 */

/**
 * The smallest string greater than every string that starts with `prefix`; undefined when there
 * is none (an empty prefix, or one made only of U+10FFFF).
 */
export function prefixSuccessor(prefix: string): string | undefined {
  const points = Array.from(prefix, (c) => c.codePointAt(0)!);
  while (points.length > 0 && points[points.length - 1] === 0x10ffff) points.pop();
  if (points.length === 0) return undefined;
  const last = points.pop()!;
  // Surrogate code points never occur in valid UTF-8: step over them.
  points.push(last === 0xd7ff ? 0xe000 : last + 1);
  return String.fromCodePoint(...points);
}

/** `AND column >= ? AND column < ?` for keys starting with `prefix` (empty: no condition). */
export function prefixRange(column: string, prefix: string | undefined): { sql: string; params: string[] } {
  if (prefix === undefined || prefix === '') return { sql: '', params: [] };
  const upper = prefixSuccessor(prefix);
  if (upper === undefined) return { sql: ` AND ${column} >= ?`, params: [prefix] };
  return { sql: ` AND ${column} >= ? AND ${column} < ?`, params: [prefix, upper] };
}
