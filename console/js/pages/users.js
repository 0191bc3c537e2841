// @ts-check
import { field, h, notice, render, when } from '../dom.js';
import { addRoute, link } from '../router.js';
import { aws } from '../session.js';
import { searchableTable } from '../ui/table.js';
import { errorText, listAll, secretOnce, val } from './users/common.js';
import { tagRows } from './users/tags.js';

/**
 * Users: every user of the account (ListUsers, MaxItems 1000 and the markers — one call for a
 * thousand users, no call per row), searchable and paged in the browser; and "Create user" —
 * CreateUser with path and tags, then optionally CreateLoginProfile (a console password, maybe to
 * be changed at first sign-in), AddUserToGroup for each group picked, and CreateAccessKey, whose secret is shown once in a marked box and
 * kept nowhere: not in the URL (which goes back to the list), not in storage.
 */

addRoute({
  pattern: /^\/users$/,
  title: 'Users',
  nav: 'Users',
  async render(main, match) {
    const heading = h('h1', null, 'Users');
    const tableArea = h('div');
    const drawTable = async () => {
      const users = await listAll('ListUsers', {}, 'Users');
      users.sort((a, b) => String(a.UserName).localeCompare(String(b.UserName)));
      render(heading, `Users (${users.length})`);
      render(
        tableArea,
        searchableTable({
          label: 'users',
          rows: users,
          pageSize: 50,
          columns: [
            { title: 'User name', cell: (u) => h('a', { href: link('users', String(u.UserName)) }, u.UserName), text: (u) => u.UserName },
            { title: 'Path', cell: (u) => u.Path, text: (u) => u.Path },
            { title: 'Created', cell: (u) => when(u.CreateDate), text: (u) => when(u.CreateDate) },
            { title: 'Password last used', cell: (u) => when(u.PasswordLastUsed), text: (u) => when(u.PasswordLastUsed) },
            { title: 'ARN', cell: (u) => h('span.arn', null, u.Arn), text: (u) => u.Arn },
          ],
        }),
      );
    };
    await drawTable();
    const createArea = h('div');
    const createButton = h('button.primary', { type: 'button', 'aria-expanded': 'false', 'aria-controls': 'create-user' }, 'Create user');
    const close = () => {
      render(createArea);
      createButton.setAttribute('aria-expanded', 'false');
      createButton.focus();
    };
    const open = () => {
      createButton.setAttribute('aria-expanded', 'true');
      render(
        createArea,
        createUserForm(close, () => void drawTable().catch(() => undefined)),
      );
      /** @type {HTMLElement | null} */ (createArea.querySelector('input'))?.focus();
    };
    createButton.addEventListener('click', open);
    render(
      main,
      h('div.page-head', null, heading, createButton),
      h('p.hint', null, 'An IAM user is an identity with long-term credentials: a console password, access keys, MFA devices.'),
      createArea,
      tableArea,
    );
    if (match.query.has('create')) open();
  },
});

/** @param {() => void} close @param {() => void} created */
function createUserForm(close, created) {
  const name = h('input', { name: 'user-name', required: true, maxlength: '64', autocomplete: 'off', pattern: '[\\w+=,.@\\-]+' });
  const path = h('input', { name: 'path', value: '/', maxlength: '512' });
  const consoleAccess = h('input', { type: 'checkbox', name: 'console-access' });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'new-password' });
  const reset = h('input', { type: 'checkbox', name: 'password-reset', checked: true });
  const accessKey = h('input', { type: 'checkbox', name: 'access-key' });
  const tags = tagRows([]);
  // The groups to add the user to (ListGroups, every page): checkboxes, loaded as the form opens.
  const groupBox = h('div.group-choices', null, h('p.loading', { role: 'status' }, 'Loading groups…'));
  void listAll('ListGroups', {}, 'Groups')
    .then((groups) => {
      groups.sort((a, b) => String(a.GroupName).localeCompare(String(b.GroupName)));
      render(
        groupBox,
        groups.length === 0
          ? h('p.hint', null, 'The account has no group yet.')
          : groups.map((g) =>
              h('label.check', null, h('input', { type: 'checkbox', name: 'group', value: String(g.GroupName) }), ` ${g.GroupName}`),
            ),
      );
    })
    .catch((error) => render(groupBox, notice(`The groups could not be listed — ${errorText(error)}`)));
  const passwordFields = h(
    'div.indented',
    { hidden: true },
    field('Console password', password, 'The password the user signs in with; the account password policy applies.'),
    h('label.check', null, reset, ' User must create a new password at next sign-in'),
  );
  consoleAccess.addEventListener('change', () => {
    const on = /** @type {HTMLInputElement} */ (consoleAccess).checked;
    passwordFields.hidden = !on;
    /** @type {HTMLInputElement} */ (password).required = on;
  });
  const status = h('div.status');
  const result = h('div');
  const submit = h('button.primary', { type: 'submit' }, 'Create user');

  async function create(/** @type {Event} */ event) {
    event.preventDefault();
    render(status);
    render(result);
    const userName = val(name);
    const withPassword = /** @type {HTMLInputElement} */ (consoleAccess).checked;
    const withKey = /** @type {HTMLInputElement} */ (accessKey).checked;
    /** @type {HTMLButtonElement} */ (submit).disabled = true;
    try {
      const tagList = tags.read();
      await aws.query('iam', 'CreateUser', { UserName: userName, Path: val(path) || '/', Tags: tagList.length > 0 ? tagList : undefined });
    } catch (error) {
      render(status, notice(errorText(error)));
      /** @type {HTMLButtonElement} */ (submit).disabled = false;
      return;
    }
    /** @type {string[]} */
    const done = [`User ${userName} created.`];
    /** @type {string[]} */
    const failed = [];
    if (withPassword) {
      try {
        await aws.query('iam', 'CreateLoginProfile', {
          UserName: userName,
          Password: /** @type {HTMLInputElement} */ (password).value,
          PasswordResetRequired: /** @type {HTMLInputElement} */ (reset).checked,
        });
        done.push(' Console password set.');
      } catch (error) {
        failed.push(`The console password was not set — ${errorText(error)}`);
      }
    }
    const chosen = [.../** @type {NodeListOf<HTMLInputElement>} */ (groupBox.querySelectorAll('input[name=group]:checked'))].map(
      (c) => c.value,
    );
    for (const group of chosen) {
      try {
        await aws.query('iam', 'AddUserToGroup', { UserName: userName, GroupName: group });
        done.push(` Added to ${group}.`);
      } catch (error) {
        failed.push(`The user was not added to ${group} — ${errorText(error)}`);
      }
    }
    const viewLink = h('a', { href: link('users', userName) }, `View user ${userName}`);
    /** @type {HTMLElement | null} */
    let secret = null;
    if (withKey) {
      try {
        const out = await aws.query('iam', 'CreateAccessKey', { UserName: userName });
        secret = secretOnce(out.AccessKey, viewLink);
      } catch (error) {
        failed.push(`No access key was created — ${errorText(error)}`);
      }
    }
    /** @type {HTMLInputElement} */ (password).value = '';
    // The list is the URL now: a reload shows it, and never the secret again.
    history.replaceState(null, '', '#/users');
    render(
      result,
      h('div.notice.ok', { role: 'status' }, done, ' ', viewLink),
      failed.map((f) => notice(f)),
      secret,
    );
    form.replaceWith(result);
    created();
    /** @type {HTMLElement | null} */ (
      result.querySelector('.secret-once button') ?? /** @type {HTMLElement} */ (result.querySelector('a'))
    )?.focus();
  }

  const form = h(
    'form.subform#create-user',
    { onSubmit: create, 'aria-label': 'Create user' },
    h('h2', null, 'Create user'),
    field('User name', name, 'Up to 64 letters, digits and + = , . @ _ -'),
    field('Path', path, 'Optional, for organizing users: /division/team/.'),
    h('label.check', null, consoleAccess, ' Provide console access (a password)'),
    passwordFields,
    h('label.check', null, accessKey, ' Create an access key (the secret is shown once)'),
    h('fieldset', null, h('legend', null, 'Add to groups (optional)'), groupBox),
    h('fieldset', null, h('legend', null, 'Tags (optional)'), tags.element),
    h('div.toolbar', null, submit, h('button', { type: 'button', onClick: close }, 'Cancel')),
    status,
  );
  return h('div', null, form, result);
}
