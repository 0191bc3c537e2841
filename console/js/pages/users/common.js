// @ts-check
import { h, notice, render } from '../../dom.js';
import { aws } from '../../session.js';
import { list } from '../../aws/xml.js';

/**
 * Small pieces the Users and Groups pages share: reading every page of an IAM list, error texts as
 * the CLI prints them, a status area for a form, and the one-time secret box.
 */

/** The value of an input, trimmed. @param {HTMLElement} el */
export function val(el) {
  return /** @type {HTMLInputElement} */ (el).value.trim();
}

/** `Code: message`, as the CLI prints an AWS error. @param {unknown} error */
export function errorText(error) {
  const e = /** @type {{ code?: string, message?: string }} */ (error);
  return e.code ? `${e.code}: ${e.message}` : String(e.message ?? error);
}

/**
 * Every item of a paginated IAM list: calls again with the Marker while IsTruncated (MaxItems 1000,
 * so a thousand users take one call).
 * @param {string} action
 * @param {Record<string, unknown>} params
 * @param {string} key  the list's member in the result (`Users`, `Groups`, `Policies`, …)
 * @returns {Promise<any[]>}
 */
export async function listAll(action, params, key) {
  /** @type {any[]} */
  const items = [];
  /** @type {string | undefined} */
  let marker;
  for (let i = 0; i < 1000; i++) {
    const out = await aws.query('iam', action, { ...params, MaxItems: 1000, Marker: marker });
    items.push(...list(out[key]));
    if (String(out.IsTruncated) !== 'true' || !out.Marker) break;
    marker = String(out.Marker);
  }
  return items;
}

/**
 * Runs an action from a button: the button is disabled while it runs, the status area says what
 * happened (the AWS error as is when it fails). Resolves true when the action succeeded.
 * @param {HTMLElement} status
 * @param {() => Promise<unknown>} action
 * @param {string} [done]  the success text
 * @param {HTMLElement} [button]
 */
export async function attempt(status, action, done, button) {
  render(status);
  if (button) /** @type {HTMLButtonElement} */ (button).disabled = true;
  try {
    await action();
    if (done) render(status, notice(done, 'ok'));
    return true;
  } catch (error) {
    render(status, notice(errorText(error)));
    return false;
  } finally {
    if (button) /** @type {HTMLButtonElement} */ (button).disabled = false;
  }
}

/** A status area for a form or section: notices appear here. */
export function statusArea() {
  return h('div.status');
}

/**
 * Copies text to the clipboard (the console is on its own origin, so the Clipboard API is
 * available on https and on localhost; elsewhere the text is selected for Ctrl+C).
 * @param {string} text
 * @param {HTMLElement} source  the element showing the text (selected when copying is refused)
 * @param {HTMLElement} said    where "Copied" is announced
 */
async function copy(text, source, said) {
  try {
    await navigator.clipboard.writeText(text);
    render(said, 'Copied.');
  } catch {
    const range = document.createRange();
    range.selectNodeContents(source);
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    render(said, 'Selected: press Ctrl+C to copy.');
  }
}

/**
 * A value with a copy button (an access key id, a secret, an MFA secret key).
 * @param {string} label
 * @param {string} value
 * @param {boolean} [secret]  shown in the secret style
 */
export function copyable(label, value, secret = false) {
  const shown = h(secret ? 'code.secret' : 'code', null, value);
  const said = h('span.copied', { role: 'status' });
  return h(
    'div.copyable',
    null,
    h('span.label', null, label),
    shown,
    h('button', { type: 'button', 'aria-label': `Copy ${label.toLowerCase()}`, onClick: () => void copy(value, shown, said) }, 'Copy'),
    said,
  );
}

/**
 * The one-time secret box: a new access key's secret is shown here once and never again — the
 * console keeps it nowhere (not in the URL, not in storage), and "Done" removes it from the page.
 * @param {{ AccessKeyId: string, SecretAccessKey: string, UserName?: string }} key
 * @param {HTMLElement} [focusAfter]  where the keyboard focus goes once the box is closed
 */
export function secretOnce(key, focusAfter) {
  const box = h(
    'section.secret-once',
    { 'aria-labelledby': 'secret-once-title', role: 'region' },
    h('h2#secret-once-title', null, 'New access key: save the secret now'),
    h(
      'p',
      null,
      'This is the only time the secret access key can be seen or copied. You cannot see it again after you leave or reload this page; if you lose it, create a new key.',
    ),
    copyable('Access key ID', key.AccessKeyId),
    copyable('Secret access key', key.SecretAccessKey, true),
    h(
      'button.primary',
      {
        type: 'button',
        onClick: () => {
          box.remove();
          focusAfter?.focus();
        },
      },
      'Done',
    ),
  );
  return box;
}

/** The name part of a policy ARN. @param {string} arn */
export function policyNameOf(arn) {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/** Whether an ARN is one of AWS's managed policies. @param {string} arn */
export function isAwsManaged(arn) {
  return arn.startsWith('arn:aws:iam::aws:policy/');
}

/** Policy documents arrive URL-encoded (as IAM's API returns them): pretty JSON. @param {string} doc */
export function prettyDocument(doc) {
  let text = doc;
  try {
    text = decodeURIComponent(doc);
  } catch {
    /* already plain */
  }
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** A heading with actions beside it. @param {string} title @param {...import('../../dom.js').Leaf} actions */
export function sectionHead(title, ...actions) {
  return h('div.section-head', null, h('h2', null, title), h('div.actions', null, actions));
}
