/** A GitHub-flavoured Markdown table; `right` marks columns to right-align (numbers). */
export function markdownTable(header: string[], rows: string[][], right: boolean[] = []): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const rule = `|${header.map((_, i) => (right[i] ? '---:' : '---')).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** Fixed decimals that shrink as numbers grow: 0.123, 1.23, 12.3, 1,234. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return '–';
  if (n >= 1000) return Math.round(n).toLocaleString('en-US');
  if (n >= 100) return n.toFixed(0);
  if (n >= 10) return n.toFixed(1);
  if (n >= 1) return n.toFixed(2);
  return n.toFixed(3);
}

/** Any JSON-like value as Markdown: rows of records as a table, a flat record as key/value rows. */
export function renderValue(value: unknown): string {
  const show = (v: unknown) => (typeof v === 'number' ? formatNumber(v) : typeof v === 'string' ? v : JSON.stringify(v));
  if (Array.isArray(value) && value.length > 0 && value.every((r) => r !== null && typeof r === 'object' && !Array.isArray(r))) {
    const keys = [...new Set(value.flatMap((r) => Object.keys(r as object)))];
    const rows = value.map((r) => keys.map((k) => show((r as Record<string, unknown>)[k] ?? '')));
    const right = keys.map((k) => value.some((r) => typeof (r as Record<string, unknown>)[k] === 'number'));
    return markdownTable(keys, rows, right);
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    const nested = entries.find(([, v]) => Array.isArray(v));
    if (nested && entries.length === 1) return renderValue(nested[1]);
    return markdownTable(
      ['measure', 'value'],
      entries.map(([k, v]) => [k, show(v)]),
      [false, true],
    );
  }
  return '```\n' + JSON.stringify(value, null, 2) + '\n```';
}
