// @ts-check
import { h, render } from '../dom.js';

/**
 * A list page's table: a search box that filters rows as you type (by every column's text), and
 * pages of `pageSize` rows with Previous/Next — all in the browser, over rows the page fetched
 * (IAM lists are at most a few thousand entries; a thousand roles render well under a second).
 *
 * @template T
 * @param {{
 *   label: string,
 *   rows: T[],
 *   columns: { title: string, cell: (row: T) => import('../dom.js').Child, text?: (row: T) => string }[],
 *   pageSize?: number,
 *   empty?: string,
 * }} o
 * @returns {HTMLElement}
 */
export function searchableTable(o) {
  const pageSize = o.pageSize ?? 50;
  let page = 0;
  let query = '';
  const textOf = (/** @type {T} */ row) =>
    o.columns
      .map((c) => (c.text ? c.text(row) : cellText(c.cell(row))))
      .join(' ')
      .toLowerCase();
  const index = o.rows.map((row) => ({ row, text: textOf(row) }));
  const search = h('input', { type: 'search', 'aria-label': `Search ${o.label}`, placeholder: `Search ${o.label}` });
  const body = h('div');
  const count = h('span.count', { role: 'status' });

  function draw() {
    const matching = query ? index.filter((r) => r.text.includes(query)) : index;
    const pages = Math.max(1, Math.ceil(matching.length / pageSize));
    page = Math.min(page, pages - 1);
    const shown = matching.slice(page * pageSize, (page + 1) * pageSize);
    render(count, `${matching.length} of ${index.length}`);
    render(
      body,
      shown.length === 0
        ? h('p', null, o.empty ?? `No ${o.label}.`)
        : h(
            'table',
            { 'aria-label': o.label },
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                o.columns.map((c) => h('th', { scope: 'col' }, c.title)),
              ),
            ),
            h(
              'tbody',
              null,
              shown.map((r) =>
                h(
                  'tr',
                  null,
                  o.columns.map((c) => h('td', null, c.cell(r.row))),
                ),
              ),
            ),
          ),
      pages > 1
        ? h(
            'div.pager',
            null,
            h('button', { type: 'button', disabled: page === 0, onClick: () => ((page -= 1), draw()) }, 'Previous'),
            h('span', null, ` Page ${page + 1} of ${pages} `),
            h('button', { type: 'button', disabled: page >= pages - 1, onClick: () => ((page += 1), draw()) }, 'Next'),
          )
        : null,
    );
  }
  search.addEventListener('input', () => {
    query = /** @type {HTMLInputElement} */ (search).value.trim().toLowerCase();
    page = 0;
    draw();
  });
  draw();
  return h('div.searchable', null, h('div.toolbar', null, search, count), body);
}

/** @param {unknown} child @returns {string} */
function cellText(child) {
  if (child === null || child === undefined || child === false) return '';
  if (Array.isArray(child)) return child.map(cellText).join(' ');
  if (child instanceof Node) return child.textContent ?? '';
  return String(child);
}
