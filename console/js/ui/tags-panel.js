// @ts-check
import { h, notice, render } from '../dom.js';
import { aws } from '../session.js';
import { listAll, running, tagEditor } from './iam-kit.js';

/**
 * The Tags tab of a resource whose tags IAM keeps with three actions of its own (a managed policy:
 * ListPolicyTags, TagPolicy, UntagPolicy; an OIDC or SAML provider: List…Tags, Tag…, Untag…).
 * It reads every tag (the list's markers followed), edits them in iam-kit's tag editor, and saves
 * only the difference: Untag… with the keys gone, then Tag… with the tags new or changed.
 *
 * @typedef {{ Key: string, Value: string }} Tag
 * @typedef {{ list: string, tag: string, untag: string, params: Record<string, string> }} TagActions
 */

/**
 * @param {HTMLElement} panel
 * @param {TagActions} api  the three actions and the member naming the resource (`{ PolicyArn }`)
 * @param {string} [message]  a notice shown above the tags (after a save)
 */
export async function tagsPanel(panel, api, message) {
  /** @type {Tag[]} */
  const tags = (await listAll(api.list, 'Tags', api.params)).map((t) => ({ Key: String(t.Key), Value: String(t.Value ?? '') }));
  const editor = tagEditor(tags);
  const status = h('div.status');
  async function save() {
    const now = editor.tags();
    const keys = now.map((t) => t.Key);
    const twice = keys.filter((k, i) => keys.indexOf(k) !== i);
    if (twice.length) throw new Error(`Each key may be used once: ${[...new Set(twice)].join(', ')}.`);
    const gone = tags.map((t) => t.Key).filter((k) => !keys.includes(k));
    const changed = now.filter((t) => !tags.some((o) => o.Key === t.Key && o.Value === t.Value));
    if (gone.length) await aws.query('iam', api.untag, { ...api.params, TagKeys: gone });
    if (changed.length) await aws.query('iam', api.tag, { ...api.params, Tags: changed });
    await tagsPanel(panel, api, gone.length + changed.length === 0 ? 'Nothing to change.' : 'Tags saved.');
  }
  render(
    panel,
    message ? notice(message, 'ok') : null,
    h('h2', null, `Tags (${tags.length})`),
    h('p.hint', null, 'Key–value pairs to find, group and control access to the resource (up to 50; keys are case-sensitive).'),
    editor.element,
    h('div.toolbar', null, h('button.primary', { type: 'button', onClick: () => void running(status, save) }, 'Save tags')),
    status,
  );
}
