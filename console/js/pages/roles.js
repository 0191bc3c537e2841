// @ts-check
import { field, h, notice, render, when } from '../dom.js';
import { addRoute, go, link } from '../router.js';
import { aws } from '../session.js';
import { list } from '../aws/xml.js';
import { searchableTable } from '../ui/table.js';
import { tabbed } from '../ui/tabs.js';
import { confirmAction } from '../ui/dialogs.js';
import { policyEditor } from '../ui/policy-editor.js';
import { policyNameOf, policyPicker, policyType } from '../ui/policy-picker.js';
import { decodeDocument, duration, listAll, prettyJson, refresh, running, tagEditor, trustedEntities, val } from '../ui/iam-kit.js';
import './create-role.js';

/**
 * Roles: the list (ListRoles, every page, searchable; who can assume each read from its trust
 * policy; last activity from GetAccountAuthorizationDetails when the caller may read it) and a
 * role's page with tabs — permissions (attached and inline policies, the permissions boundary),
 * the trust relationship edited in the policy editor (UpdateAssumeRolePolicy), tags, last used and
 * settings. Deleting a role first detaches and deletes its policies and takes it out of its
 * instance profiles, as AWS's console offers.
 */

addRoute({
  pattern: /^\/roles$/,
  title: 'Roles',
  nav: 'Roles',
  async render(main) {
    const [roles, lastUsed] = await Promise.all([listAll('ListRoles', 'Roles'), lastActivity()]);
    roles.sort((a, b) => String(a.RoleName).localeCompare(String(b.RoleName)));
    const status = h('div.status');
    render(
      main,
      h('h1', null, 'Roles'),
      h(
        'p',
        null,
        'A role is an identity with permissions that trusted entities — users and roles of this or another account, AWS services, web and SAML identities — assume for temporary credentials.',
      ),
      h('div.toolbar', null, h('a.button.primary', { href: '#/roles/create' }, 'Create role')),
      status,
      searchableTable({
        label: 'roles',
        rows: roles,
        columns: [
          { title: 'Role name', cell: (r) => h('a', { href: link('roles', r.RoleName) }, r.RoleName), text: (r) => r.RoleName },
          {
            title: 'Trusted entities',
            cell: (r) =>
              h(
                'ul.plain',
                null,
                trustedEntities(decodeDocument(r.AssumeRolePolicyDocument)).map((t) => h('li', null, t)),
              ),
          },
          {
            title: 'Last activity',
            cell: (r) => (lastUsed === undefined ? 'Not available' : lastUsed.get(r.RoleName) ? when(lastUsed.get(r.RoleName)) : 'Never'),
          },
          { title: 'Created', cell: (r) => when(r.CreateDate) },
          {
            title: 'Actions',
            text: () => '',
            cell: (r) =>
              h(
                'button.danger',
                {
                  type: 'button',
                  'aria-label': `Delete role ${r.RoleName}`,
                  onClick: () => void running(status, () => deleteRole(r.RoleName, refresh)),
                },
                'Delete',
              ),
          },
        ],
      }),
    );
  },
});

/**
 * Last use of every role, by name (GetAccountAuthorizationDetails' RoleLastUsed: ListRoles does
 * not carry it); undefined when the caller may not read it.
 * @returns {Promise<Map<string, string> | undefined>}
 */
async function lastActivity() {
  try {
    /** @type {Map<string, string>} */
    const out = new Map();
    let marker;
    for (;;) {
      const page = await aws.query('iam', 'GetAccountAuthorizationDetails', { Filter: ['Role'], MaxItems: 1000, Marker: marker });
      for (const r of list(page.RoleDetailList)) out.set(r.RoleName, r.RoleLastUsed?.LastUsedDate ?? '');
      if (page.IsTruncated !== 'true' || !page.Marker) return out;
      marker = page.Marker;
    }
  } catch {
    return undefined;
  }
}

/**
 * Deletes a role after saying what goes with it, as AWS's console: its managed policies are
 * detached, its inline policies deleted and it is taken out of its instance profiles first.
 * @param {string} name
 * @param {() => void} done
 */
async function deleteRole(name, done) {
  const [attached, inline, profiles] = await Promise.all([
    listAll('ListAttachedRolePolicies', 'AttachedPolicies', { RoleName: name }),
    listAll('ListRolePolicies', 'PolicyNames', { RoleName: name }),
    listAll('ListInstanceProfilesForRole', 'InstanceProfiles', { RoleName: name }),
  ]);
  const first = [
    attached.length ? `detach ${attached.length} managed polic${attached.length === 1 ? 'y' : 'ies'}` : '',
    inline.length ? `delete ${inline.length} inline polic${inline.length === 1 ? 'y' : 'ies'}` : '',
    profiles.length ? `remove it from ${profiles.length} instance profile${profiles.length === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  const ok = await confirmAction(
    `Delete role ${name}?`,
    `${first.length ? `This will first ${first.join(', ')}. ` : ''}Sessions already issued keep working until they expire. This cannot be undone.`,
    first.length ? 'Detach, remove and delete' : 'Delete',
  );
  if (!ok) return;
  for (const p of attached) await aws.query('iam', 'DetachRolePolicy', { RoleName: name, PolicyArn: p.PolicyArn });
  for (const p of inline) await aws.query('iam', 'DeleteRolePolicy', { RoleName: name, PolicyName: p });
  for (const p of profiles)
    await aws.query('iam', 'RemoveRoleFromInstanceProfile', { RoleName: name, InstanceProfileName: p.InstanceProfileName });
  await aws.query('iam', 'DeleteRole', { RoleName: name });
  done();
}

addRoute({
  pattern: /^\/roles\/([^/?]+)$/,
  title: 'Role',
  async render(main, match) {
    const name = match.params[0] ?? '';
    const role = (await aws.query('iam', 'GetRole', { RoleName: name })).Role;
    const account = String(role.Arn).split(':')[4] ?? '';
    const switchName = `${String(role.Path).slice(1)}${role.RoleName}`;
    const status = h('div.status');
    /** @type {{ id: string, title: string, render: (panel: HTMLElement) => Promise<void> | void }[]} */
    const tabs = [
      { id: 'permissions', title: 'Permissions', render: (panel) => permissionsTab(panel, role) },
      { id: 'trust', title: 'Trust relationships', render: (panel) => trustTab(panel, role) },
      { id: 'tags', title: 'Tags', render: (panel) => tagsTab(panel, name) },
      { id: 'last-used', title: 'Last used', render: (panel) => lastUsedTab(panel, name) },
      { id: 'settings', title: 'Settings', render: (panel) => settingsTab(panel, name) },
    ];
    render(
      main,
      h('p.crumbs', null, h('a', { href: '#/roles' }, 'Roles'), ' › ', role.RoleName),
      h('h1', null, role.RoleName),
      h(
        'dl.summary',
        null,
        h('dt', null, 'ARN'),
        h('dd', null, h('code', null, role.Arn)),
        h('dt', null, 'Description'),
        h('dd', null, role.Description || '—'),
        h('dt', null, 'Created'),
        h('dd', null, when(role.CreateDate)),
        h('dt', null, 'Maximum session duration'),
        h('dd', null, duration(Number(role.MaxSessionDuration ?? 3600))),
        h('dt', null, 'Last activity'),
        h('dd', null, role.RoleLastUsed?.LastUsedDate ? when(role.RoleLastUsed.LastUsedDate) : 'Never'),
      ),
      h(
        'div.toolbar',
        null,
        h(
          'a.button',
          { href: `#/switch-role?${new URLSearchParams({ account, roleName: switchName, displayName: `${role.RoleName} @ ${account}` })}` },
          'Switch role',
        ),
        // The role's active sessions and who can assume it live on their own pages.
        h('a.button', { href: `#/sessions/role/${encodeURIComponent(role.RoleName)}` }, 'Sessions'),
        h('a.button', { href: `#/access/role/${encodeURIComponent(role.RoleName)}` }, 'Who can assume it'),
        h(
          'button.danger',
          { type: 'button', onClick: () => void running(status, () => deleteRole(name, () => go('/roles'))) },
          'Delete role',
        ),
      ),
      status,
      tabbed(tabs, match.query.get('tab') ?? undefined),
    );
  },
});

/** @param {HTMLElement} panel @param {any} role */
async function permissionsTab(panel, role) {
  const name = role.RoleName;
  const [attached, inline, fresh] = await Promise.all([
    listAll('ListAttachedRolePolicies', 'AttachedPolicies', { RoleName: name }),
    listAll('ListRolePolicies', 'PolicyNames', { RoleName: name }),
    aws.query('iam', 'GetRole', { RoleName: name }),
  ]);
  const boundary = fresh.Role?.PermissionsBoundary?.PermissionsBoundaryArn;
  const status = h('div.status');
  const work = h('div.work');
  const again = () => void permissionsTab(panel, role);

  async function attach() {
    /** @type {Set<string>} */
    const selected = new Set();
    const picker = await policyPicker({ selected, exclude: new Set(attached.map((p) => p.PolicyArn)) });
    render(
      work,
      h('h3', null, 'Attach policies'),
      picker.element,
      h(
        'div.toolbar',
        null,
        h('button', { type: 'button', onClick: () => render(work) }, 'Cancel'),
        h(
          'button.primary',
          {
            type: 'button',
            onClick: () =>
              void running(status, async () => {
                for (const arn of selected) await aws.query('iam', 'AttachRolePolicy', { RoleName: name, PolicyArn: arn });
                again();
              }),
          },
          'Attach policies',
        ),
      ),
    );
  }

  /** @param {string} [policyName] */
  async function editInline(policyName) {
    const current = policyName
      ? prettyJson(decodeDocument((await aws.query('iam', 'GetRolePolicy', { RoleName: name, PolicyName: policyName })).PolicyDocument))
      : JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: [], Resource: '*' }] }, null, 2);
    const nameInput = h('input', { value: policyName ?? '', required: true, readonly: policyName !== undefined, maxlength: '128' });
    const editor = policyEditor({ label: 'Policy document', value: current, type: 'identity' });
    render(
      work,
      h('h3', null, policyName ? `Edit inline policy ${policyName}` : 'Create inline policy'),
      field('Policy name', nameInput),
      editor.element,
      h(
        'div.toolbar',
        null,
        h('button', { type: 'button', onClick: () => render(work) }, 'Cancel'),
        h(
          'button.primary',
          {
            type: 'button',
            onClick: () =>
              void running(status, async () => {
                await aws.query('iam', 'PutRolePolicy', { RoleName: name, PolicyName: val(nameInput), PolicyDocument: editor.value() });
                again();
              }),
          },
          'Save inline policy',
        ),
      ),
    );
    editor.textarea.focus();
  }

  async function setBoundary() {
    /** @type {Set<string>} */
    const selected = new Set();
    const picker = await policyPicker({ selected, label: 'boundary policies' });
    render(
      work,
      h('h3', null, 'Set permissions boundary'),
      h('p.hint', null, 'The boundary is the most the role’s policies can allow. Tick one policy.'),
      picker.element,
      h(
        'div.toolbar',
        null,
        h('button', { type: 'button', onClick: () => render(work) }, 'Cancel'),
        h(
          'button.primary',
          {
            type: 'button',
            onClick: () =>
              void running(status, async () => {
                const [arn] = [...selected];
                if (!arn || selected.size > 1) throw new Error('Tick exactly one policy for the boundary.');
                await aws.query('iam', 'PutRolePermissionsBoundary', { RoleName: name, PermissionsBoundary: arn });
                again();
              }),
          },
          'Set boundary',
        ),
      ),
    );
  }

  render(
    panel,
    status,
    h('h2', null, 'Permissions policies'),
    h('div.toolbar', null, h('button', { type: 'button', onClick: () => void running(status, attach) }, 'Attach policies')),
    attached.length === 0
      ? h('p', null, 'No managed policies attached.')
      : h(
          'table',
          { 'aria-label': 'Attached policies' },
          h(
            'thead',
            null,
            h('tr', null, h('th', { scope: 'col' }, 'Policy'), h('th', { scope: 'col' }, 'Type'), h('th', { scope: 'col' }, 'Actions')),
          ),
          h(
            'tbody',
            null,
            attached.map((p) =>
              h(
                'tr',
                null,
                h('td', null, h('a', { href: link('policies', p.PolicyArn) }, p.PolicyName)),
                h('td', null, policyType(p.PolicyArn)),
                h(
                  'td',
                  null,
                  h(
                    'button',
                    {
                      type: 'button',
                      'aria-label': `Detach ${p.PolicyName}`,
                      onClick: () =>
                        void running(status, async () => {
                          if (
                            !(await confirmAction(`Detach ${p.PolicyName}?`, `The role ${name} loses this policy’s permissions.`, 'Detach'))
                          )
                            return;
                          await aws.query('iam', 'DetachRolePolicy', { RoleName: name, PolicyArn: p.PolicyArn });
                          again();
                        }),
                    },
                    'Detach',
                  ),
                ),
              ),
            ),
          ),
        ),
    h('h2', null, 'Inline policies'),
    h(
      'div.toolbar',
      null,
      h('button', { type: 'button', onClick: () => void running(status, () => editInline()) }, 'Create inline policy'),
    ),
    inline.length === 0
      ? h('p', null, 'No inline policies.')
      : h(
          'table',
          { 'aria-label': 'Inline policies' },
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Policy name'), h('th', { scope: 'col' }, 'Actions'))),
          h(
            'tbody',
            null,
            inline.map((p) =>
              h(
                'tr',
                null,
                h('td', null, p),
                h(
                  'td',
                  null,
                  h(
                    'div.row-actions',
                    null,
                    h(
                      'button',
                      { type: 'button', 'aria-label': `Edit ${p}`, onClick: () => void running(status, () => editInline(p)) },
                      'Edit',
                    ),
                    h(
                      'button.danger',
                      {
                        type: 'button',
                        'aria-label': `Delete ${p}`,
                        onClick: () =>
                          void running(status, async () => {
                            if (!(await confirmAction(`Delete inline policy ${p}?`, 'Its permissions are removed from the role.'))) return;
                            await aws.query('iam', 'DeleteRolePolicy', { RoleName: name, PolicyName: p });
                            again();
                          }),
                      },
                      'Delete',
                    ),
                  ),
                ),
              ),
            ),
          ),
        ),
    h('h2', null, 'Permissions boundary'),
    boundary
      ? h('p', null, 'Boundary: ', h('a', { href: link('policies', boundary) }, policyNameOf(boundary)))
      : h('p', null, 'No permissions boundary is set.'),
    h(
      'div.toolbar',
      null,
      h('button', { type: 'button', onClick: () => void running(status, setBoundary) }, boundary ? 'Change boundary' : 'Set boundary'),
      boundary
        ? h(
            'button.danger',
            {
              type: 'button',
              onClick: () =>
                void running(status, async () => {
                  await aws.query('iam', 'DeleteRolePermissionsBoundary', { RoleName: name });
                  again();
                }),
            },
            'Remove boundary',
          )
        : null,
    ),
    work,
  );
}

/** The trust policy in the editor (kind trust); Save is UpdateAssumeRolePolicy. @param {HTMLElement} panel @param {any} role */
async function trustTab(panel, role) {
  const fresh = (await aws.query('iam', 'GetRole', { RoleName: role.RoleName })).Role;
  const original = prettyJson(decodeDocument(fresh.AssumeRolePolicyDocument));
  const status = h('div.status');
  const editor = policyEditor({ label: 'Trust policy', value: original, type: 'trust', lines: 22 });
  render(
    panel,
    h('p', null, 'The trust policy says who may assume this role, and on which conditions.'),
    editor.element,
    h(
      'div.toolbar',
      null,
      h('button', { type: 'button', onClick: () => editor.setValue(original) }, 'Revert'),
      h(
        'button.primary',
        {
          type: 'button',
          onClick: () =>
            void running(status, async () => {
              await aws.query('iam', 'UpdateAssumeRolePolicy', { RoleName: role.RoleName, PolicyDocument: editor.value() });
              render(status, notice('Trust policy updated.', 'ok'));
            }),
        },
        'Update policy',
      ),
    ),
    status,
  );
}

/** @param {HTMLElement} panel @param {string} name */
async function tagsTab(panel, name) {
  const tags = await listAll('ListRoleTags', 'Tags', { RoleName: name });
  const editor = tagEditor(tags);
  const status = h('div.status');
  render(
    panel,
    editor.element,
    h(
      'div.toolbar',
      null,
      h(
        'button.primary',
        {
          type: 'button',
          onClick: () =>
            void running(status, async () => {
              const now = editor.tags();
              const gone = tags.map((t) => t.Key).filter((k) => !now.some((t) => t.Key === k));
              if (gone.length) await aws.query('iam', 'UntagRole', { RoleName: name, TagKeys: gone });
              if (now.length) await aws.query('iam', 'TagRole', { RoleName: name, Tags: now });
              await tagsTab(panel, name);
              panel.prepend(notice('Tags saved.', 'ok'));
            }),
        },
        'Save tags',
      ),
    ),
    status,
  );
}

/** @param {HTMLElement} panel @param {string} name */
async function lastUsedTab(panel, name) {
  const role = (await aws.query('iam', 'GetRole', { RoleName: name })).Role;
  const used = role.RoleLastUsed ?? {};
  render(
    panel,
    h(
      'dl.summary',
      null,
      h('dt', null, 'Last used'),
      h('dd', null, used.LastUsedDate ? when(used.LastUsedDate) : 'Not used (or not within the tracking period)'),
      h('dt', null, 'Region'),
      h('dd', null, used.Region || '—'),
    ),
    h('p.hint', null, 'As AWS does, the last use is the last time the role’s credentials were used to call an AWS API (RoleLastUsed).'),
  );
}

const SESSION_HOURS = [1, 2, 4, 6, 8, 12];

/** Description and maximum session duration: UpdateRole. @param {HTMLElement} panel @param {string} name */
async function settingsTab(panel, name) {
  const role = (await aws.query('iam', 'GetRole', { RoleName: name })).Role;
  const current = Number(role.MaxSessionDuration ?? 3600);
  const description = h('textarea.short', { maxlength: '1000' });
  /** @type {HTMLTextAreaElement} */ (description).value = role.Description ?? '';
  const max = h(
    'select',
    null,
    [...new Set([...SESSION_HOURS.map((x) => x * 3600), current])]
      .sort((a, b) => a - b)
      .map((s) => h('option', { value: String(s), selected: s === current }, duration(s))),
  );
  const status = h('div.status');
  async function save(/** @type {Event} */ event) {
    event.preventDefault();
    await running(status, async () => {
      await aws.query('iam', 'UpdateRole', {
        RoleName: name,
        Description: /** @type {HTMLTextAreaElement} */ (description).value,
        MaxSessionDuration: Number(val(max)),
      });
      render(status, notice('Role settings saved.', 'ok'));
    });
  }
  render(
    panel,
    h(
      'form',
      { onSubmit: save, 'aria-label': 'Role settings' },
      field('Description', description),
      field('Maximum session duration', max, 'How long the credentials of one AssumeRole may last (1 to 12 hours).'),
      h('button.primary', { type: 'submit' }, 'Save settings'),
      status,
    ),
  );
}
