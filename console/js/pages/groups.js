// @ts-check
import { field, h, notice, render, when } from '../dom.js';
import { addRoute, go, link } from '../router.js';
import { aws } from '../session.js';
import { searchableTable } from '../ui/table.js';
import { attempt, listAll, val } from './users/common.js';

/**
 * User groups: every group of the account (ListGroups, MaxItems 1000 and the markers; no call per
 * row), searchable and paged; "Create group" (CreateGroup with a path), which opens the new group.
 */

addRoute({
  pattern: /^\/groups$/,
  title: 'User groups',
  nav: 'User groups',
  async render(main, match) {
    const groups = await listAll('ListGroups', {}, 'Groups');
    groups.sort((a, b) => String(a.GroupName).localeCompare(String(b.GroupName)));
    const createArea = h('div');
    const createButton = h('button.primary', { type: 'button', 'aria-expanded': 'false', 'aria-controls': 'create-group' }, 'Create group');
    const close = () => {
      render(createArea);
      createButton.setAttribute('aria-expanded', 'false');
      createButton.focus();
    };
    const open = () => {
      createButton.setAttribute('aria-expanded', 'true');
      render(createArea, createGroupForm(close));
      /** @type {HTMLElement | null} */ (createArea.querySelector('input'))?.focus();
    };
    createButton.addEventListener('click', open);
    render(
      main,
      h('div.page-head', null, h('h1', null, `User groups (${groups.length})`), createButton),
      h('p.hint', null, 'A group’s policies apply to every user in it: give permissions to groups, then add users to them.'),
      createArea,
      searchableTable({
        label: 'groups',
        rows: groups,
        pageSize: 50,
        columns: [
          {
            title: 'Group name',
            cell: (g) => h('a', { href: link('groups', String(g.GroupName)) }, g.GroupName),
            text: (g) => g.GroupName,
          },
          { title: 'Path', cell: (g) => g.Path, text: (g) => g.Path },
          { title: 'Created', cell: (g) => when(g.CreateDate), text: (g) => when(g.CreateDate) },
          { title: 'ARN', cell: (g) => h('span.arn', null, g.Arn), text: (g) => g.Arn },
        ],
      }),
    );
    if (match.query.has('create')) open();
  },
});

/** @param {() => void} close */
function createGroupForm(close) {
  const name = h('input', { name: 'group-name', required: true, maxlength: '128', autocomplete: 'off', pattern: '[\\w+=,.@\\-]+' });
  const path = h('input', { name: 'group-path', value: '/', maxlength: '512' });
  const status = h('div.status');
  const submit = h('button.primary', { type: 'submit' }, 'Create group');
  return h(
    'form.subform#create-group',
    {
      'aria-label': 'Create group',
      onSubmit: async (/** @type {Event} */ event) => {
        event.preventDefault();
        const groupName = val(name);
        const ok = await attempt(
          status,
          () => aws.query('iam', 'CreateGroup', { GroupName: groupName, Path: val(path) || '/' }),
          undefined,
          submit,
        );
        if (ok) go(`/groups/${encodeURIComponent(groupName)}`);
      },
    },
    h('h2', null, 'Create group'),
    field('Group name', name, 'Up to 128 letters, digits and + = , . @ _ -'),
    field('Path', path, 'Optional, for organizing groups: /division/team/.'),
    h('div.toolbar', null, submit, h('button', { type: 'button', onClick: close }, 'Cancel')),
    status,
    notice('Add users and attach policies on the group’s page once it is created.', 'info'),
  );
}
