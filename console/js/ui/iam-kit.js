// @ts-check
import { h, render } from '../dom.js';
import { aws } from '../session.js';
import { list } from '../aws/xml.js';

/**
 * Small pieces the roles, policies and identity-provider pages share: every page of an IAM list
 * (MaxItems 1000 and the markers), policy documents as IAM answers them (URL-encoded), a trust
 * policy summarised as "who can assume", and a tag editor.
 */

/**
 * Every entry of an IAM list action, following `Marker` while `IsTruncated` (one call per 1000).
 * @param {string} action   e.g. `ListRoles`
 * @param {string} key      the list member, e.g. `Roles`
 * @param {Record<string, unknown>} [params]
 * @returns {Promise<any[]>}
 */
export async function listAll(action, key, params = {}) {
  /** @type {any[]} */
  const out = [];
  let marker;
  for (;;) {
    const page = await aws.query('iam', action, { ...params, MaxItems: 1000, Marker: marker });
    out.push(...list(page[key]));
    if (page.IsTruncated !== 'true' || !page.Marker) return out;
    marker = page.Marker;
  }
}

/** IAM answers policy documents URL-encoded; this is the JSON text. @param {unknown} doc */
export function decodeDocument(doc) {
  const text = typeof doc === 'string' ? doc : '';
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The document indented for reading and editing (as it is when it is not JSON). @param {string} text */
export function prettyJson(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** @param {unknown} v @returns {string[]} */
export function asArray(v) {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v.map(String) : [String(v)];
}

/**
 * "Who can assume" from a trust policy, for a roles table: one phrase per Allow statement's
 * principal (`AWS account 111122223333`, `ec2.amazonaws.com`, `Identity provider: …`).
 * @param {string} text  the trust policy's JSON
 * @returns {string[]}
 */
export function trustedEntities(text) {
  /** @type {string[]} */
  const out = [];
  let doc;
  try {
    doc = JSON.parse(text);
  } catch {
    return out;
  }
  for (const st of [doc?.Statement ?? []].flat()) {
    if (!st || st.Effect !== 'Allow') continue;
    const p = st.Principal;
    if (p === '*') out.push('Anyone (*)');
    else if (p && typeof p === 'object') {
      for (const v of asArray(p.Service)) out.push(`AWS service: ${v.replace(/\.amazonaws\.com$/, '')}`);
      for (const v of asArray(p.AWS)) {
        const account = /^(\d{12})$/.exec(v)?.[1] ?? /^arn:[^:]+:iam::(\d{12}):root$/.exec(v)?.[1];
        out.push(account ? `Account: ${account}` : v);
      }
      for (const v of asArray(p.Federated))
        out.push(`Identity provider: ${v.replace(/^arn:[^:]+:iam::\d{12}:(oidc|saml)-provider\//, '')}`);
    }
  }
  return [...new Set(out)];
}

/** An input's trimmed value. @param {HTMLElement} el */
export function val(el) {
  return /** @type {HTMLInputElement} */ (el).value.trim();
}

/** The caller's account id, from the signed-in identity's ARN. @param {string | undefined} arn */
export function accountOf(arn) {
  return (arn ?? '').split(':')[4] ?? '';
}

/**
 * A tag editor: rows of key and value, "Add tag", "Remove". Reads back the tags with `tags()`.
 * @param {{ Key: string, Value: string }[]} [initial]
 */
export function tagEditor(initial = []) {
  /** @type {{ Key: string, Value: string }[]} */
  const rows = initial.map((t) => ({ ...t }));
  const body = h('div.tag-rows');
  function draw() {
    render(
      body,
      rows.length === 0 ? h('p.hint', null, 'No tags.') : null,
      rows.map((t, i) => {
        const key = h('input', { value: t.Key, 'aria-label': `Tag ${i + 1} key`, maxlength: '128' });
        const value = h('input', { value: t.Value, 'aria-label': `Tag ${i + 1} value`, maxlength: '256' });
        key.addEventListener('input', () => (t.Key = val(key)));
        value.addEventListener('input', () => (t.Value = /** @type {HTMLInputElement} */ (value).value));
        return h(
          'div.tag-row',
          null,
          key,
          value,
          h('button', { type: 'button', onClick: () => (rows.splice(i, 1), draw()) }, `Remove tag ${i + 1}`),
        );
      }),
    );
  }
  draw();
  return {
    element: h(
      'fieldset.tags',
      null,
      h('legend', null, 'Tags'),
      body,
      h(
        'button',
        {
          type: 'button',
          onClick: () => {
            rows.push({ Key: '', Value: '' });
            draw();
            /** @type {HTMLElement | null} */ (body.querySelector('.tag-row:last-child input'))?.focus();
          },
        },
        'Add tag',
      ),
    ),
    tags: () => rows.filter((t) => t.Key !== ''),
  };
}

/** `123 seconds` as `1 hour`, `12 hours`, `90 minutes`. @param {number} seconds */
export function duration(seconds) {
  if (seconds % 3600 === 0) return `${seconds / 3600} hour${seconds === 3600 ? '' : 's'}`;
  if (seconds % 60 === 0) return `${seconds / 60} minutes`;
  return `${seconds} seconds`;
}

/** A busy button while an async action runs; errors go to `status`. @param {HTMLElement} status @param {() => Promise<void>} work */
export async function running(status, work) {
  render(status);
  try {
    await work();
  } catch (error) {
    const e = /** @type {{ code?: string, message?: string }} */ (error);
    render(status, h('div.notice.error', { role: 'alert' }, e.code ? `${e.code}: ${e.message}` : String(e.message ?? error)));
  }
}

/** Draws the current page again (after a change), as the router does on navigation. */
export function refresh() {
  window.dispatchEvent(new window.HashChangeEvent('hashchange'));
}
