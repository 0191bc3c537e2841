// @ts-check
import { h, notice, render, when } from '../dom.js';
import { addRoute, go, link } from '../router.js';
import { aws } from '../session.js';
import { searchableTable } from '../ui/table.js';
import { tabbed } from '../ui/tabs.js';
import { confirmAction } from '../ui/dialogs.js';
import { attempt, errorText, listAll, sectionHead } from './users/common.js';
import { permissionsTab } from './users/permissions.js';
import { userTagsTab } from './users/tags.js';
import { securityTab } from './users/credentials.js';
import { deleteFlow } from './users/delete.js';
import { lastAccessedTab } from './users/last-accessed.js';

/**
 * One user: the summary (ARN, path, created, password last used), "Delete", and tabs —
 * Permissions, Groups, Tags, Security credentials, Last used, Last accessed (the access advisor) — each drawing from the IAM calls
 * AWS's console makes for it.
 */

addRoute({
  pattern: /^\/users\/([^/]+)$/,
  title: 'User',
  async render(main, match) {
    const userName = match.params[0] ?? '';
    const user = (await aws.query('iam', 'GetUser', { UserName: userName })).User;
    document.title = `${userName} · Users · keysmith`;
    const status = h('div.status');
    const deleteButton = h('button.danger', { type: 'button' }, 'Delete user');
    deleteButton.addEventListener(
      'click',
      () =>
        void deleteFlow({
          kind: 'user',
          name: userName,
          status,
          deleted: () => {
            go('/users');
          },
        }),
    );
    render(
      main,
      h('nav.crumbs', { 'aria-label': 'Breadcrumb' }, h('a', { href: '#/users' }, 'Users'), ' / ', userName),
      h('div.page-head', null, h('h1', null, userName), deleteButton),
      status,
      h(
        'dl.summary',
        null,
        h('div', null, h('dt', null, 'ARN'), h('dd.arn', null, user.Arn)),
        h('div', null, h('dt', null, 'Path'), h('dd', null, user.Path)),
        h('div', null, h('dt', null, 'Created'), h('dd', null, when(user.CreateDate))),
        h(
          'div',
          null,
          h('dt', null, 'Console password last used'),
          h('dd', null, user.PasswordLastUsed ? when(user.PasswordLastUsed) : 'Never'),
        ),
        h('div', null, h('dt', null, 'User ID'), h('dd', null, user.UserId)),
      ),
      tabbed(
        [
          { id: 'permissions', title: 'Permissions', render: (panel) => permissionsTab(panel, { kind: 'user', name: userName }) },
          { id: 'groups', title: 'Groups', render: (panel) => groupsTab(panel, userName) },
          { id: 'tags', title: 'Tags', render: (panel) => userTagsTab(panel, userName) },
          { id: 'security', title: 'Security credentials', render: (panel) => securityTab(panel, userName) },
          { id: 'last-used', title: 'Last used', render: (panel) => lastUsedTab(panel, userName) },
          { id: 'last-accessed', title: 'Last accessed', render: (panel) => lastAccessedTab(panel, String(user.Arn)) },
        ],
        match.query.get('tab') ?? undefined,
      ),
    );
  },
});

/**
 * The groups the user is in (ListGroupsForUser): remove from one, or add to others picked from
 * every group of the account (ListGroups).
 * @param {HTMLElement} panel
 * @param {string} userName
 * @param {string} [message]
 */
async function groupsTab(panel, userName, message) {
  const groups = await listAll('ListGroupsForUser', { UserName: userName }, 'Groups');
  const status = h('div.status', { tabindex: '-1' }, message ? notice(message, 'ok') : null);
  const refresh = async (/** @type {string} */ text) => {
    await groupsTab(panel, userName, text);
    /** @type {HTMLElement | null} */ (panel.querySelector('.status'))?.focus();
  };
  const tool = h('div.tool');
  const addButton = h('button.primary', { type: 'button' }, 'Add user to groups');
  addButton.addEventListener('click', async () => {
    render(tool, h('p.loading', { role: 'status' }, 'Loading groups…'));
    try {
      const mine = new Set(groups.map((g) => String(g.GroupName)));
      const others = (await listAll('ListGroups', {}, 'Groups')).filter((g) => !mine.has(String(g.GroupName)));
      others.sort((a, b) => String(a.GroupName).localeCompare(String(b.GroupName)));
      render(
        tool,
        h(
          'section.subform',
          { 'aria-label': 'Add user to groups' },
          h('h3', null, 'Add user to groups'),
          others.length === 0
            ? h('p', null, 'There is no other group: create one on the User groups page.')
            : searchableTable({
                label: 'groups to join',
                rows: others,
                pageSize: 10,
                columns: [
                  { title: 'Group name', cell: (g) => g.GroupName },
                  { title: 'Path', cell: (g) => g.Path },
                  {
                    title: 'Action',
                    text: () => '',
                    cell: (g) => {
                      const b = h('button', { type: 'button', 'aria-label': `Add to ${g.GroupName}` }, 'Add');
                      b.addEventListener('click', async () => {
                        const ok = await attempt(
                          status,
                          () => aws.query('iam', 'AddUserToGroup', { UserName: userName, GroupName: g.GroupName }),
                          undefined,
                          b,
                        );
                        if (ok) await refresh(`Added ${userName} to ${g.GroupName}.`);
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
    sectionHead(`Groups (${groups.length})`, addButton),
    h('p.hint', null, 'The user has the permissions of the policies of every group it is in.'),
    tool,
    groups.length === 0
      ? h('p', null, 'The user is in no group.')
      : h(
          'table',
          { 'aria-label': 'Groups of the user' },
          h('thead', null, h('tr', null, h('th', null, 'Group name'), h('th', null, 'Path'), h('th', null, 'Action'))),
          h(
            'tbody',
            null,
            groups.map((g) => {
              const remove = h('button.danger', { type: 'button', 'aria-label': `Remove from ${g.GroupName}` }, 'Remove');
              remove.addEventListener('click', async () => {
                if (!(await confirmAction(`Remove ${userName} from ${g.GroupName}?`, 'The user loses the group’s permissions.', 'Remove')))
                  return;
                const ok = await attempt(
                  status,
                  () => aws.query('iam', 'RemoveUserFromGroup', { UserName: userName, GroupName: g.GroupName }),
                  undefined,
                  remove,
                );
                if (ok) await refresh(`Removed ${userName} from ${g.GroupName}.`);
              });
              return h(
                'tr',
                null,
                h('td', null, h('a', { href: link('groups', String(g.GroupName)) }, g.GroupName)),
                h('td', null, g.Path),
                h('td', null, remove),
              );
            }),
          ),
        ),
  );
}

/**
 * When the user's credentials were last used: the console password (GetUser's PasswordLastUsed)
 * and each access key (GetAccessKeyLastUsed: date, service, region).
 * @param {HTMLElement} panel
 * @param {string} userName
 */
async function lastUsedTab(panel, userName) {
  const [user, keys] = await Promise.all([
    aws.query('iam', 'GetUser', { UserName: userName }).then((o) => o.User),
    listAll('ListAccessKeys', { UserName: userName }, 'AccessKeyMetadata'),
  ]);
  const used = await Promise.all(
    keys.map((k) =>
      aws
        .query('iam', 'GetAccessKeyLastUsed', { AccessKeyId: k.AccessKeyId })
        .then((o) => o.AccessKeyLastUsed ?? {})
        .catch(() => ({})),
    ),
  );
  render(
    panel,
    h('h2', null, 'Console password'),
    h(
      'p',
      null,
      user.PasswordLastUsed ? `Last signed in ${when(user.PasswordLastUsed)}.` : 'The password has never been used (or the user has none).',
    ),
    h('h2', null, `Access keys (${keys.length})`),
    keys.length === 0
      ? h('p', null, 'The user has no access keys.')
      : h(
          'table',
          { 'aria-label': 'Access keys last used' },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              h('th', null, 'Access key ID'),
              h('th', null, 'Status'),
              h('th', null, 'Last used'),
              h('th', null, 'Service'),
              h('th', null, 'Region'),
            ),
          ),
          h(
            'tbody',
            null,
            keys.map((k, i) => {
              const u = /** @type {any} */ (used[i]);
              return h(
                'tr',
                null,
                h('td', null, h('code', null, k.AccessKeyId)),
                h('td', null, k.Status),
                h('td', null, u.LastUsedDate ? when(u.LastUsedDate) : 'Never'),
                h('td', null, u.ServiceName && u.ServiceName !== 'N/A' ? u.ServiceName : '—'),
                h('td', null, u.Region && u.Region !== 'N/A' ? u.Region : '—'),
              );
            }),
          ),
        ),
  );
}
