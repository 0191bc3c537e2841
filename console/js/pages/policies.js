// @ts-check
import { field, h, notice, render, when } from '../dom.js';
import { addRoute, go, link } from '../router.js';
import { aws } from '../session.js';
import { list } from '../aws/xml.js';
import { searchableTable } from '../ui/table.js';
import { tabbed } from '../ui/tabs.js';
import { confirmAction } from '../ui/dialogs.js';
import { policyEditor, policySummary } from '../ui/policy-editor.js';
import { policyType } from '../ui/policy-picker.js';
import { decodeDocument, listAll, prettyJson, running, tagEditor, val } from '../ui/iam-kit.js';
import { tagsPanel } from '../ui/tags-panel.js';

/**
 * Managed policies: the list (ListPolicies with a scope — customer managed, AWS managed or all),
 * creating one in the policy editor, and a policy's page — the default version's document and its
 * summary, the version history (view any version, set the default, delete one that is not, create
 * a new version from the editor), the entities it is attached to, its tags (customer managed), and deleting it (AWS requires the
 * policy detached and its other versions gone first; the console offers to do both).
 */

const SCOPES = /** @type {const} */ ([
  ['Local', 'Customer managed'],
  ['AWS', 'AWS managed'],
  ['All', 'All policies'],
]);

addRoute({
  pattern: /^\/policies$/,
  title: 'Policies',
  nav: 'Policies',
  async render(main) {
    let scope = 'All';
    const select = h(
      'select',
      null,
      SCOPES.map(([value, label]) => h('option', { value, selected: value === scope }, label)),
    );
    const table = h('div.policy-table');
    const status = h('div.status');
    const load = async () => {
      render(table, h('p.loading', { role: 'status' }, 'Loading…'));
      const policies = await listAll('ListPolicies', 'Policies', { Scope: scope });
      policies.sort((a, b) => String(a.PolicyName).localeCompare(String(b.PolicyName)));
      render(
        table,
        searchableTable({
          label: 'policies',
          rows: policies,
          columns: [
            { title: 'Policy name', cell: (p) => h('a', { href: link('policies', p.Arn) }, p.PolicyName), text: (p) => p.PolicyName },
            { title: 'Type', cell: (p) => policyType(p.Arn) },
            { title: 'Attached entities', cell: (p) => p.AttachmentCount ?? '0' },
            { title: 'Default version', cell: (p) => p.DefaultVersionId ?? '' },
            { title: 'Updated', cell: (p) => when(p.UpdateDate) },
          ],
        }),
      );
    };
    select.addEventListener('change', () => {
      scope = val(select);
      void running(status, load);
    });
    render(
      main,
      h('h1', null, 'Policies'),
      h('p', null, 'Managed policies are standalone permissions you attach to users, groups and roles; AWS managed ones are kept by AWS.'),
      h('div.toolbar', null, field('Scope', select), h('a.button.primary', { href: '#/policies/create' }, 'Create policy')),
      status,
      table,
    );
    await load();
  },
});

addRoute({
  pattern: /^\/policies\/create$/,
  title: 'Create policy',
  render(main) {
    const name = h('input', { maxlength: '128', required: true, autocomplete: 'off' });
    const description = h('input', { maxlength: '1000' });
    const path = h('input', { value: '/', maxlength: '512' });
    const tags = tagEditor();
    const editor = policyEditor({
      label: 'Policy document',
      value: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: [], Resource: '*' }] }, null, 2),
      type: 'identity',
    });
    const status = h('div.status');
    async function create() {
      if (await editor.hasErrors()) throw new Error('Fix the policy’s errors first (see the findings under the editor).');
      const out = await aws.query('iam', 'CreatePolicy', {
        PolicyName: val(name),
        Description: val(description) || undefined,
        Path: val(path) || '/',
        PolicyDocument: editor.value(),
        Tags: tags.tags().length ? tags.tags() : undefined,
      });
      go(link('policies', out.Policy.Arn).slice(1));
    }
    render(
      main,
      h('p.crumbs', null, h('a', { href: '#/policies' }, 'Policies'), ' › Create policy'),
      h('h1', null, 'Create policy'),
      editor.element,
      h(
        'div.form-grid',
        null,
        field('Policy name', name, 'Up to 128 letters, digits and +=,.@-_ characters.'),
        field('Description', description, 'Cannot be changed later.'),
        field('Path', path),
      ),
      tags.element,
      h(
        'div.toolbar',
        null,
        h('a.button', { href: '#/policies' }, 'Cancel'),
        h('button.primary', { type: 'button', onClick: () => void running(status, create) }, 'Create policy'),
      ),
      status,
    );
  },
});

addRoute({
  pattern: /^\/policies\/(arn[^/?]+)$/,
  title: 'Policy',
  async render(main, match) {
    const arn = match.params[0] ?? '';
    const policy = (await aws.query('iam', 'GetPolicy', { PolicyArn: arn })).Policy;
    const awsManaged = policyType(arn) === 'AWS managed';
    const status = h('div.status');
    render(
      main,
      h('p.crumbs', null, h('a', { href: '#/policies' }, 'Policies'), ' › ', policy.PolicyName),
      h('h1', null, policy.PolicyName),
      h(
        'dl.summary',
        null,
        h('dt', null, 'ARN'),
        h('dd', null, h('code', null, arn)),
        h('dt', null, 'Type'),
        h('dd', null, policyType(arn)),
        h('dt', null, 'Description'),
        h('dd', null, policy.Description || '—'),
        h('dt', null, 'Created'),
        h('dd', null, when(policy.CreateDate)),
        h('dt', null, 'Updated'),
        h('dd', null, when(policy.UpdateDate)),
        h('dt', null, 'Attached entities'),
        h('dd', null, policy.AttachmentCount ?? '0'),
      ),
      awsManaged
        ? null
        : h(
            'div.toolbar',
            null,
            h(
              'button.danger',
              { type: 'button', onClick: () => void running(status, () => deletePolicy(arn, policy.PolicyName)) },
              'Delete policy',
            ),
          ),
      status,
      tabbed(
        [
          { id: 'permissions', title: 'Permissions', render: (panel) => permissionsTab(panel, arn, awsManaged) },
          { id: 'versions', title: 'Policy versions', render: (panel) => versionsTab(panel, arn, awsManaged) },
          { id: 'entities', title: 'Entities attached', render: (panel) => entitiesTab(panel, arn) },
          // AWS managed policies carry no tags of the account's (TagPolicy is refused for them).
          ...(awsManaged
            ? []
            : [
                {
                  id: 'tags',
                  title: 'Tags',
                  render: (/** @type {HTMLElement} */ panel) =>
                    tagsPanel(panel, { list: 'ListPolicyTags', tag: 'TagPolicy', untag: 'UntagPolicy', params: { PolicyArn: arn } }),
                },
              ]),
        ],
        match.query.get('tab') ?? undefined,
      ),
    );
  },
});

/** @param {string} arn @param {string} versionId */
async function versionDocument(arn, versionId) {
  const v = (await aws.query('iam', 'GetPolicyVersion', { PolicyArn: arn, VersionId: versionId })).PolicyVersion;
  return prettyJson(decodeDocument(v.Document));
}

/** The default version's document, its summary, and "Edit" (a new version). @param {HTMLElement} panel @param {string} arn @param {boolean} awsManaged */
async function permissionsTab(panel, arn, awsManaged) {
  const policy = (await aws.query('iam', 'GetPolicy', { PolicyArn: arn })).Policy;
  const text = await versionDocument(arn, policy.DefaultVersionId);
  const status = h('div.status');
  const edit = () => {
    const editor = policyEditor({ label: `New version of ${policy.PolicyName}`, value: text, type: 'identity' });
    const makeDefault = h('input', { type: 'checkbox', checked: true });
    render(
      panel,
      editor.element,
      h('label.choice', null, makeDefault, 'Set as default version'),
      h(
        'div.toolbar',
        null,
        h('button', { type: 'button', onClick: () => void permissionsTab(panel, arn, awsManaged) }, 'Cancel'),
        h(
          'button.primary',
          {
            type: 'button',
            onClick: () =>
              void running(status, async () => {
                if (await editor.hasErrors()) throw new Error('Fix the policy’s errors first.');
                await createVersion(arn, editor.value(), /** @type {HTMLInputElement} */ (makeDefault).checked);
                await permissionsTab(panel, arn, awsManaged);
                panel.prepend(notice('New version saved.', 'ok'));
              }),
          },
          'Save new version',
        ),
      ),
      status,
    );
  };
  render(
    panel,
    h('h2', null, `Default version ${policy.DefaultVersionId}`),
    awsManaged ? null : h('div.toolbar', null, h('button', { type: 'button', onClick: edit }, 'Edit policy')),
    policySummary(text),
    h('details', null, h('summary', null, 'JSON'), h('pre', { tabindex: '0', 'aria-label': 'Policy JSON' }, text)),
    status,
  );
}

/**
 * CreatePolicyVersion. A policy keeps at most five versions: the console deletes none by itself —
 * the versions tab says so and IAM's LimitExceeded is shown as it comes.
 * @param {string} arn @param {string} document @param {boolean} setDefault
 */
async function createVersion(arn, document, setDefault) {
  await aws.query('iam', 'CreatePolicyVersion', { PolicyArn: arn, PolicyDocument: document, SetAsDefault: setDefault });
}

/** @param {HTMLElement} panel @param {string} arn @param {boolean} awsManaged */
async function versionsTab(panel, arn, awsManaged) {
  const versions = list((await aws.query('iam', 'ListPolicyVersions', { PolicyArn: arn, MaxItems: 1000 })).Versions);
  const status = h('div.status');
  const viewer = h('div.version-view');
  const again = () => versionsTab(panel, arn, awsManaged);
  /** @param {string} id */
  const view = async (id) => {
    const text = await versionDocument(arn, id);
    render(
      viewer,
      h('h3', { tabindex: '-1' }, `Version ${id}`),
      policySummary(text),
      h('pre', { tabindex: '0', 'aria-label': `Version ${id} JSON` }, text),
    );
    /** @type {HTMLElement | null} */ (viewer.querySelector('h3'))?.focus();
  };
  const newVersion = async () => {
    const current = versions.find((v) => v.IsDefaultVersion === 'true');
    const editor = policyEditor({
      label: 'New version',
      value: current ? await versionDocument(arn, current.VersionId) : '',
      type: 'identity',
    });
    const makeDefault = h('input', { type: 'checkbox', checked: true });
    render(
      viewer,
      h('h3', null, 'Create a new version'),
      editor.element,
      h('label.choice', null, makeDefault, 'Set as default version'),
      h(
        'div.toolbar',
        null,
        h('button', { type: 'button', onClick: () => render(viewer) }, 'Cancel'),
        h(
          'button.primary',
          {
            type: 'button',
            onClick: () =>
              void running(status, async () => {
                if (await editor.hasErrors()) throw new Error('Fix the policy’s errors first.');
                await createVersion(arn, editor.value(), /** @type {HTMLInputElement} */ (makeDefault).checked);
                await again();
              }),
          },
          'Save new version',
        ),
      ),
    );
    editor.textarea.focus();
  };
  render(
    panel,
    status,
    awsManaged
      ? null
      : h(
          'div.toolbar',
          null,
          h(
            'button',
            { type: 'button', disabled: versions.length >= 5, onClick: () => void running(status, newVersion) },
            'Create version',
          ),
          versions.length >= 5 ? h('span.hint', null, 'A policy keeps at most five versions: delete one first.') : null,
        ),
    h(
      'table',
      { 'aria-label': 'Policy versions' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, 'Version'),
          h('th', { scope: 'col' }, 'Created'),
          h('th', { scope: 'col' }, 'Default'),
          h('th', { scope: 'col' }, 'Actions'),
        ),
      ),
      h(
        'tbody',
        null,
        versions.map((v) => {
          const isDefault = v.IsDefaultVersion === 'true';
          return h(
            'tr',
            null,
            h('td', null, v.VersionId),
            h('td', null, when(v.CreateDate)),
            h('td', null, isDefault ? 'Default' : ''),
            h(
              'td',
              null,
              h(
                'div.row-actions',
                null,
                h(
                  'button',
                  { type: 'button', 'aria-label': `View ${v.VersionId}`, onClick: () => void running(status, () => view(v.VersionId)) },
                  'View',
                ),
                isDefault || awsManaged
                  ? null
                  : [
                      h(
                        'button',
                        {
                          type: 'button',
                          'aria-label': `Set ${v.VersionId} as default`,
                          onClick: () =>
                            void running(status, async () => {
                              await aws.query('iam', 'SetDefaultPolicyVersion', { PolicyArn: arn, VersionId: v.VersionId });
                              await again();
                              panel.prepend(notice(`${v.VersionId} is now the default version.`, 'ok'));
                            }),
                        },
                        'Set as default',
                      ),
                      h(
                        'button.danger',
                        {
                          type: 'button',
                          'aria-label': `Delete ${v.VersionId}`,
                          onClick: () =>
                            void running(status, async () => {
                              if (!(await confirmAction(`Delete version ${v.VersionId}?`, 'The version’s document is gone for good.')))
                                return;
                              await aws.query('iam', 'DeletePolicyVersion', { PolicyArn: arn, VersionId: v.VersionId });
                              await again();
                            }),
                        },
                        'Delete',
                      ),
                    ],
              ),
            ),
          );
        }),
      ),
    ),
    viewer,
  );
}

/** @param {HTMLElement} panel @param {string} arn */
async function entitiesTab(panel, arn) {
  const [groups, users, roles] = await Promise.all([
    listAll('ListEntitiesForPolicy', 'PolicyGroups', { PolicyArn: arn, EntityFilter: 'Group' }),
    listAll('ListEntitiesForPolicy', 'PolicyUsers', { PolicyArn: arn, EntityFilter: 'User' }),
    listAll('ListEntitiesForPolicy', 'PolicyRoles', { PolicyArn: arn, EntityFilter: 'Role' }),
  ]);
  const rows = [
    ...users.map((u) => ({ type: 'User', name: u.UserName, href: link('users', u.UserName) })),
    ...groups.map((g) => ({ type: 'Group', name: g.GroupName, href: link('groups', g.GroupName) })),
    ...roles.map((r) => ({ type: 'Role', name: r.RoleName, href: link('roles', r.RoleName) })),
  ];
  render(
    panel,
    searchableTable({
      label: 'attached entities',
      rows,
      empty: 'The policy is not attached to any user, group or role.',
      columns: [
        { title: 'Entity', cell: (r) => h('a', { href: r.href }, r.name), text: (r) => r.name },
        { title: 'Type', cell: (r) => r.type },
      ],
    }),
  );
}

/**
 * Deletes a customer managed policy after detaching it everywhere and deleting its non-default
 * versions, as AWS's console offers (DeletePolicy refuses otherwise).
 * @param {string} arn @param {string} name
 */
async function deletePolicy(arn, name) {
  const [groups, users, roles, versions] = await Promise.all([
    listAll('ListEntitiesForPolicy', 'PolicyGroups', { PolicyArn: arn, EntityFilter: 'Group' }),
    listAll('ListEntitiesForPolicy', 'PolicyUsers', { PolicyArn: arn, EntityFilter: 'User' }),
    listAll('ListEntitiesForPolicy', 'PolicyRoles', { PolicyArn: arn, EntityFilter: 'Role' }),
    aws.query('iam', 'ListPolicyVersions', { PolicyArn: arn, MaxItems: 1000 }).then((o) => list(o.Versions)),
  ]);
  const attached = groups.length + users.length + roles.length;
  const others = versions.filter((v) => v.IsDefaultVersion !== 'true');
  const first = [
    attached ? `detach it from ${attached} entit${attached === 1 ? 'y' : 'ies'}` : '',
    others.length ? `delete ${others.length} non-default version${others.length === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  const ok = await confirmAction(
    `Delete policy ${name}?`,
    `${first.length ? `This will first ${first.join(' and ')}. ` : ''}This cannot be undone.`,
    first.length ? 'Detach and delete' : 'Delete',
  );
  if (!ok) return;
  for (const g of groups) await aws.query('iam', 'DetachGroupPolicy', { GroupName: g.GroupName, PolicyArn: arn });
  for (const u of users) await aws.query('iam', 'DetachUserPolicy', { UserName: u.UserName, PolicyArn: arn });
  for (const r of roles) await aws.query('iam', 'DetachRolePolicy', { RoleName: r.RoleName, PolicyArn: arn });
  for (const v of others) await aws.query('iam', 'DeletePolicyVersion', { PolicyArn: arn, VersionId: v.VersionId });
  await aws.query('iam', 'DeletePolicy', { PolicyArn: arn });
  go('/policies');
}
