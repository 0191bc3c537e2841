// @ts-check
/**
 * The Query protocol's XML answers as plain objects: an element with children is an object of its
 * children; a list (`<member>` children) is an array; a map (`<entry><key/><value/>`) an object;
 * text is a string. Which elements are lists is known from the element itself: every member
 * listed by AWS's Query services is wrapped in `<member>`, so an element whose children are all
 * `member` is a list, and an empty element is `''` (callers read lists with `list()`).
 */

/** @param {Element} el @returns {unknown} */
export function toValue(el) {
  const children = Array.from(el.children);
  if (children.length === 0) return el.textContent ?? '';
  if (children.every((c) => c.localName === 'member')) return children.map(toValue);
  if (children.every((c) => c.localName === 'entry')) {
    /** @type {Record<string, unknown>} */
    const map = {};
    for (const e of children) {
      const k = e.getElementsByTagName('key')[0]?.textContent ?? '';
      const v = e.getElementsByTagName('value')[0];
      map[k] = v ? toValue(v) : '';
    }
    return map;
  }
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const c of children) out[c.localName] = toValue(c);
  return out;
}

/** A value that is a list (an empty list arrives as `''`). @param {unknown} value @returns {any[]} */
export function list(value) {
  return Array.isArray(value) ? value : [];
}

/** @param {string} text */
export function parseXml(text) {
  return new DOMParser().parseFromString(text, 'application/xml').documentElement;
}
