// @ts-check
import { h, render } from '../dom.js';

/**
 * Tabs for a detail page (Permissions, Trust relationships, Tags, …), keyboard-operable as the
 * WAI-ARIA tabs pattern says: arrow keys move between tabs, the panel is labelled by its tab. The
 * selected tab is kept in the URL's query (`?tab=trust`) so a reload or a link opens it again.
 *
 * @param {{ id: string, title: string, render: (panel: HTMLElement) => Promise<void> | void }[]} tabs
 * @param {string} [selected]
 */
export function tabbed(tabs, selected) {
  const panel = h('div.panel', { role: 'tabpanel', tabindex: '0' });
  /** @type {HTMLElement[]} */
  const buttons = [];
  async function select(/** @type {number} */ i, focus = false) {
    const tab = tabs[i];
    if (!tab) return;
    buttons.forEach((b, j) => {
      b.setAttribute('aria-selected', String(i === j));
      b.tabIndex = i === j ? 0 : -1;
    });
    if (focus) buttons[i]?.focus();
    panel.setAttribute('aria-labelledby', `tab-${tab.id}`);
    const [path] = location.hash.split('?');
    history.replaceState(null, '', `${path}?tab=${tab.id}`);
    render(panel, h('p.loading', { role: 'status' }, 'Loading…'));
    try {
      await tab.render(panel);
    } catch (error) {
      const e = /** @type {{ code?: string, message?: string }} */ (error);
      render(panel, h('div.notice.error', { role: 'alert' }, e.code ? `${e.code}: ${e.message}` : String(e.message ?? error)));
    }
  }
  tabs.forEach((t, i) => {
    const b = h('button', { type: 'button', role: 'tab', id: `tab-${t.id}`, onClick: () => void select(i) }, t.title);
    b.addEventListener('keydown', (event) => {
      const key = /** @type {KeyboardEvent} */ (event).key;
      if (key === 'ArrowRight') void select((i + 1) % tabs.length, true);
      if (key === 'ArrowLeft') void select((i - 1 + tabs.length) % tabs.length, true);
    });
    buttons.push(b);
  });
  const start = Math.max(
    0,
    tabs.findIndex((t) => t.id === selected),
  );
  void select(start);
  return h('div.tabbed', null, h('div.tabs', { role: 'tablist' }, buttons), panel);
}
