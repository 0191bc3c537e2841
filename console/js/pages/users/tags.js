// @ts-check
import { h, notice, render } from '../../dom.js';
import { aws } from '../../session.js';
import { list } from '../../aws/xml.js';
import { attempt, val } from './common.js';

/**
 * Tag rows to edit (key and value inputs, remove, add): the create-user form uses them, and the
 * Tags tab, which saves the difference with UntagUser (keys gone) and TagUser (keys new or changed).
 *
 * @typedef {{ Key: string, Value: string }} Tag
 */

let rowCount = 0;

/** @param {Tag[]} initial */
export function tagRows(initial) {
  const rows = h('div.tag-rows');
  const add = (/** @type {Tag} */ tag) => {
    const n = ++rowCount;
    const key = h('input', { name: 'tag-key', value: tag.Key, 'aria-label': `Tag key ${n}`, maxlength: '128' });
    const value = h('input', { name: 'tag-value', value: tag.Value, 'aria-label': `Tag value ${n}`, maxlength: '256' });
    const row = h(
      'div.tag-row',
      null,
      key,
      value,
      h(
        'button',
        {
          type: 'button',
          'aria-label': `Remove tag ${n}`,
          onClick: () => {
            row.remove();
            /** @type {HTMLElement | null} */ (rows.querySelector('input'))?.focus();
          },
        },
        'Remove',
      ),
    );
    rows.append(row);
    return key;
  };
  for (const t of initial) add(t);
  const element = h(
    'div.tags-editor',
    null,
    h('div.tag-row.tag-head', { 'aria-hidden': 'true' }, h('span', null, 'Key'), h('span', null, 'Value'), h('span')),
    rows,
    h('button', { type: 'button', onClick: () => add({ Key: '', Value: '' }).focus() }, 'Add tag'),
  );
  /** The tags as entered: rows with an empty key are ignored. @returns {Tag[]} */
  const read = () =>
    Array.from(rows.querySelectorAll('.tag-row')).flatMap((row) => {
      const [k, v] = Array.from(row.querySelectorAll('input'));
      const Key = k ? val(k) : '';
      return Key ? [{ Key, Value: v ? v.value : '' }] : [];
    });
  return { element, read };
}

/**
 * The Tags tab of a user.
 * @param {HTMLElement} panel
 * @param {string} userName
 * @param {string} [message]
 */
export async function userTagsTab(panel, userName, message) {
  const tags = /** @type {Tag[]} */ (list((await aws.query('iam', 'ListUserTags', { UserName: userName, MaxItems: 1000 })).Tags));
  const editor = tagRows(tags.map((t) => ({ Key: String(t.Key), Value: String(t.Value ?? '') })));
  const status = h('div.status', { tabindex: '-1' }, message ? notice(message, 'ok') : null);
  const save = h('button.primary', { type: 'submit' }, 'Save tags');
  render(
    panel,
    h(
      'form.tags-form',
      {
        'aria-label': 'Tags',
        onSubmit: async (/** @type {Event} */ event) => {
          event.preventDefault();
          const wanted = editor.read();
          const keys = wanted.map((t) => t.Key);
          if (new Set(keys.map((k) => k.toLowerCase())).size !== keys.length) {
            render(status, notice('Each tag key can be used once.'));
            return;
          }
          const gone = tags.map((t) => String(t.Key)).filter((k) => !keys.includes(k));
          const changed = wanted.filter((t) => !tags.some((o) => o.Key === t.Key && String(o.Value ?? '') === t.Value));
          const ok = await attempt(
            status,
            async () => {
              if (gone.length > 0) await aws.query('iam', 'UntagUser', { UserName: userName, TagKeys: gone });
              if (changed.length > 0) await aws.query('iam', 'TagUser', { UserName: userName, Tags: changed });
            },
            undefined,
            save,
          );
          if (ok) {
            await userTagsTab(panel, userName, gone.length + changed.length === 0 ? 'Nothing to change.' : 'Tags saved.');
            /** @type {HTMLElement | null} */ (panel.querySelector('.status'))?.focus();
          }
        },
      },
      h('h2', null, `Tags (${tags.length})`),
      h('p.hint', null, 'Key–value pairs to find, organize and control access to this user (aws:ResourceTag, iam:ResourceTag).'),
      editor.element,
      h('div.toolbar', null, save),
      status,
    ),
  );
}
