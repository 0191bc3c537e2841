// @ts-check
import { h } from '../dom.js';

/**
 * A confirmation for destructive actions, as a real <dialog> (focus is trapped and restored, Esc
 * cancels). Resolves true when confirmed.
 * @param {string} title
 * @param {string} text
 * @param {string} [confirmLabel]
 * @returns {Promise<boolean>}
 */
export function confirmAction(title, text, confirmLabel = 'Delete') {
  return new Promise((resolve) => {
    const dialog = /** @type {HTMLDialogElement} */ (
      h(
        'dialog',
        { 'aria-labelledby': 'confirm-title' },
        h('h2#confirm-title', null, title),
        h('p', null, text),
        h(
          'div.toolbar',
          null,
          h('button', { type: 'button', onClick: () => dialog.close('cancel') }, 'Cancel'),
          h('button.danger', { type: 'button', onClick: () => dialog.close('ok') }, confirmLabel),
        ),
      )
    );
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'ok');
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
