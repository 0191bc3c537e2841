// @ts-check
import { h, notice, render, when } from '../dom.js';
import { addRoute, go, link } from '../router.js';
import { aws } from '../session.js';
import { searchableTable } from '../ui/table.js';
import { tabbed } from '../ui/tabs.js';
import { confirmAction } from '../ui/dialogs.js';
import { attempt, errorText, listAll, sectionHead } from './users/common.js';
import { permissionsTab } from './users/permissions.js';
import { deleteFlow } from './users/delete.js';

/**
 * One group: its summary, "Delete" (members and policies removed first when the person agrees),
 * and tabs — Users (GetGroup's members; add with a searchable picker over ListUsers, remove with
 * RemoveUserFromGroup) and Permissions (attached and inline policies, shared with the user page).
 */

addRoute({
  pattern: /^\/groups\/([^/]+)$/,
  title: 'User group',
  async render(main, match) {
    const groupName = match.params[0] ?? '';
    const group = (await aws.query('iam', 'GetGroup', { GroupName: groupName, MaxItems: 1 })).Group;
    document.title = `${groupName} · User groups · keysmith`;
    const status = h('div.status');
    const deleteButton = h('button.danger', { type: 'button' }, 'Delete group');
    deleteButton.addEventListener('click', () => void deleteFlow({ kind: 'group', name: groupName, status, deleted: () => go('/groups') }));
    render(
      main,
      h('nav.crumbs', { 'aria-label': 'Breadcrumb' }, h('a', { href: '#/groups' }, 'User groups'), ' / ', groupName),
      h('div.page-head', null, h('h1', null, groupName), deleteButton),
      status,
      h(
        'dl.summary',
        null,
        h('div', null, h('dt', null, 'ARN'), h('dd.arn', null, group.Arn)),
        h('div', null, h('dt', null, 'Path'), h('dd', null, group.Path)),
        h('div', null, h('dt', null, 'Created'), h('dd', null, when(group.CreateDate))),
        h('div', null, h('dt', null, 'Group ID'), h('dd', null, group.GroupId)),
      ),
      tabbed(
        [
          { id: 'users', title: 'Users', render: (panel) => membersTab(panel, groupName) },
          { id: 'permissions', title: 'Permissions', render: (panel) => permissionsTab(panel, { kind: 'group', name: groupName }) },
        ],
        match.query.get('tab') ?? undefined,
      ),
    );
  },
});

/**
 * @param {HTMLElement} panel
 * @param {string} groupName
 * @param {string} [message]
 */
async function membersTab(panel, groupName, message) {
  const members = await listAll('GetGroup', { GroupName: groupName }, 'Users');
  members.sort((a, b) => String(a.UserName).localeCompare(String(b.UserName)));
  const status = h('div.status', { tabindex: '-1' }, message ? notice(message, 'ok') : null);
  const refresh = async (/** @type {string} */ text) => {
    await membersTab(panel, groupName, text);
    /** @type {HTMLElement | null} */ (panel.querySelector('.status'))?.focus();
  };
  const tool = h('div.tool');
  const addButton = h('button.primary', { type: 'button' }, 'Add users');
  addButton.addEventListener('click', async () => {
    render(tool, h('p.loading', { role: 'status' }, 'Loading users…'));
    try {
      const inGroup = new Set(members.map((u) => String(u.UserName)));
      const others = (await listAll('ListUsers', {}, 'Users')).filter((u) => !inGroup.has(String(u.UserName)));
      others.sort((a, b) => String(a.UserName).localeCompare(String(b.UserName)));
      render(
        tool,
        h(
          'section.subform',
          { 'aria-label': 'Add users to the group' },
          h('h3', null, 'Add users to the group'),
          others.length === 0
            ? h('p', null, 'Every user is in this group already.')
            : searchableTable({
                label: 'users to add',
                rows: others,
                pageSize: 10,
                columns: [
                  { title: 'User name', cell: (u) => u.UserName },
                  { title: 'Path', cell: (u) => u.Path },
                  {
                    title: 'Action',
                    text: () => '',
                    cell: (u) => {
                      const b = h('button', { type: 'button', 'aria-label': `Add ${u.UserName}` }, 'Add');
                      b.addEventListener('click', async () => {
                        const ok = await attempt(
                          status,
                          () => aws.query('iam', 'AddUserToGroup', { GroupName: groupName, UserName: u.UserName }),
                          undefined,
                          b,
                        );
                        if (ok) await refresh(`Added ${u.UserName} to ${groupName}.`);
                      });
                      return b;
                    },
                  },
                ],
              }),
          h('button', { type: 'button', onClick: () => render(tool) }, 'Close'),
        ),
      );
      /** @type {HTMLElement | null} */ (tool.querySelector('input[type=search]'))?.focus();
    } catch (error) {
      render(tool, notice(errorText(error)));
    }
  });
  render(
    panel,
    status,
    sectionHead(`Users in this group (${members.length})`, addButton),
    tool,
    members.length === 0
      ? h('p', null, 'No users in this group.')
      : searchableTable({
          label: 'members',
          rows: members,
          pageSize: 50,
          columns: [
            { title: 'User name', cell: (u) => h('a', { href: link('users', String(u.UserName)) }, u.UserName), text: (u) => u.UserName },
            { title: 'Created', cell: (u) => when(u.CreateDate) },
            {
              title: 'Action',
              text: () => '',
              cell: (u) => {
                const remove = h('button.danger', { type: 'button', 'aria-label': `Remove ${u.UserName}` }, 'Remove');
                remove.addEventListener('click', async () => {
                  if (
                    !(await confirmAction(`Remove ${u.UserName} from ${groupName}?`, 'The user loses the group’s permissions.', 'Remove'))
                  )
                    return;
                  const ok = await attempt(
                    status,
                    () => aws.query('iam', 'RemoveUserFromGroup', { GroupName: groupName, UserName: u.UserName }),
                    undefined,
                    remove,
                  );
                  if (ok) await refresh(`Removed ${u.UserName} from ${groupName}.`);
                });
                return remove;
              },
            },
          ],
        }),
  );
}
