// @ts-check
/**
 * The console's only view helper: `h('tag.class', {attributes, onEvent}, ...children)` builds real
 * DOM nodes (no virtual DOM, no build step). Text children are text nodes, never HTML: nothing the
 * server returns is ever parsed as markup.
 */

/** @typedef {Node | string | number | null | undefined | false} Leaf */
/** @typedef {Leaf | Leaf[] | (Leaf | Leaf[])[]} Child */

/**
 * @param {string} spec  `tag`, `tag.class1.class2` or `tag#id.class`
 * @param {Record<string, unknown> | null} [props]
 * @param {...Child} children
 * @returns {HTMLElement}
 */
export function h(spec, props, ...children) {
  const [head, ...classes] = spec.split('.');
  const [tag, id] = (head || 'div').split('#');
  const el = document.createElement(tag || 'div');
  if (id) el.id = id;
  if (classes.length > 0) el.className = classes.join(' ');
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), /** @type {EventListener} */ (value));
    } else if (key === 'style') {
      // Through the CSSOM: the page's CSP (style-src 'self') refuses style *attributes*.
      el.style.cssText = String(value);
    } else if (key === 'class') {
      el.className = [el.className, String(value)].filter(Boolean).join(' ');
    } else if (key === 'value' && 'value' in el) {
      /** @type {HTMLInputElement} */ (el).value = String(value);
    } else if (key === 'checked' && 'checked' in el) {
      /** @type {HTMLInputElement} */ (el).checked = Boolean(value);
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

/** @param {Element} parent @param {Child[]} children */
function append(parent, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(parent, /** @type {Child[]} */ (c));
    else parent.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces an element's content. @param {Element} el @param {...Child} children */
export function render(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/** A labelled form field: the label names the control (keyboard and screen readers). */
let fieldCount = 0;
/**
 * @param {string} label
 * @param {HTMLElement} control
 * @param {string} [hint]
 */
export function field(label, control, hint) {
  const id = control.id || `f${++fieldCount}`;
  control.id = id;
  const hintId = hint ? `${id}-hint` : undefined;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h('div.field', null, h('label', { for: id }, label), control, hint ? h('p.hint', { id: hintId }, hint) : null);
}

/** An error or notice block, announced to screen readers. @param {string} text @param {'error' | 'ok' | 'info'} [kind] */
export function notice(text, kind = 'error') {
  return h(`div.notice.${kind}`, { role: kind === 'error' ? 'alert' : 'status' }, text);
}

/** Formats an ISO date for tables. @param {string | undefined} iso */
export function when(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d{3}Z$/, ' UTC');
}
