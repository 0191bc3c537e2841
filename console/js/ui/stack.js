// @ts-check
/**
 * A table that fits a narrow window: each cell gets its column's heading as `data-label`, and
 * below 600 px styles.css lays every row out as a card of "heading: value" lines (`table.stack`)
 * instead of columns wider than the window. At any other width it is an ordinary table.
 * @param {HTMLElement} table
 * @returns {HTMLElement}
 */
export function stacked(table) {
  const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent ?? '');
  for (const row of table.querySelectorAll('tbody tr'))
    [...row.children].forEach((cell, i) => {
      if (heads[i]) cell.setAttribute('data-label', heads[i]);
    });
  table.classList.add('stack');
  return table;
}
