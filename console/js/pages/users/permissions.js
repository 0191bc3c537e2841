// @ts-check
import { field, h, notice, render } from '../../dom.js';
import { aws } from '../../session.js';
import { searchableTable } from '../../ui/table.js';
import { confirmAction } from '../../ui/dialogs.js';
import { attempt, errorText, isAwsManaged, listAll, policyNameOf, prettyDocument, sectionHead, val } from './common.js';

/**
 * The Permissions tab of a user or a group: attached managed policies (attach with a searchable
 * picker over ListPolicies, detach), inline policies (add, edit and delete with a JSON editor) and,
 * for a user, the permissions boundary (set from the same picker, remove). Each action is the IAM
 * call AWS's console makes (AttachUserPolicy, PutGroupPolicy, PutUserPermissionsBoundary, …).
 *
 * @typedef {{ kind: 'user' | 'group', name: string }} Owner
 */

/** `User`/`Group` for action names, and the name parameter. @param {Owner} owner */
function api(owner) {
  const noun = owner.kind === 'user' ? 'User' : 'Group';
  return { noun, params: owner.kind === 'user' ? { UserName: owner.name } : { GroupName: owner.name } };
}

const TEMPLATE = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: [], Resource: '*' }] }, null, 2);

/**
 * A searchable table of every managed policy (AWS managed and the account's), each row with one
 * action button — the picker behind "Attach policies" and "Set permissions boundary".
 * @param {{ label: string, exclude: Set<string>, verb: string, name?: (policyName: string) => string, pick: (policy: any, button: HTMLElement) => Promise<void> }} o
 */
export async function policyPicker(o) {
  const policies = (await listAll('ListPolicies', { Scope: 'All' }, 'Policies')).filter((p) => !o.exclude.has(p.Arn));
  policies.sort((a, b) => String(a.PolicyName).localeCompare(String(b.PolicyName)));
  return searchableTable({
    label: o.label,
    rows: policies,
    pageSize: 10,
    columns: [
      { title: 'Policy name', cell: (p) => p.PolicyName },
      { title: 'Type', cell: (p) => (isAwsManaged(p.Arn) ? 'AWS managed' : 'Customer managed') },
      { title: 'Attached entities', cell: (p) => p.AttachmentCount ?? '0' },
      {
        title: 'Action',
        text: () => '',
        cell: (p) => {
          const b = h(
            'button',
            { type: 'button', 'aria-label': o.name ? o.name(String(p.PolicyName)) : `${o.verb} ${p.PolicyName}` },
            o.verb,
          );
          b.addEventListener('click', () => void o.pick(p, b));
          return b;
        },
      },
    ],
  });
}

/**
 * @param {HTMLElement} panel
 * @param {Owner} owner
 * @param {string} [message]  a success notice to show at the top after a change
 */
export async function permissionsTab(panel, owner, message) {
  const { noun, params } = api(owner);
  const [attachedOut, inlineNames, user] = await Promise.all([
    listAll(`ListAttached${noun}Policies`, params, 'AttachedPolicies'),
    listAll(`List${noun}Policies`, params, 'PolicyNames'),
    owner.kind === 'user' ? aws.query('iam', 'GetUser', params).then((o) => o.User) : Promise.resolve(undefined),
  ]);
  const status = h('div.status', { tabindex: '-1' }, message ? notice(message, 'ok') : null);
  const refresh = (/** @type {string} */ text) =>
    permissionsTab(panel, owner, text).then(() => /** @type {HTMLElement | null} */ (panel.querySelector('.status'))?.focus());
  const tool = h('div.tool');

  // Attached managed policies.
  const attached = /** @type {any[]} */ (attachedOut);
  const attachButton = h('button.primary', { type: 'button' }, 'Attach policies');
  attachButton.addEventListener('click', async () => {
    render(tool, h('p.loading', { role: 'status' }, 'Loading policies…'));
    try {
      const picker = await policyPicker({
        label: 'policies to attach',
        exclude: new Set(attached.map((p) => String(p.PolicyArn))),
        verb: 'Attach',
        pick: async (p, b) => {
          const ok = await attempt(status, () => aws.query('iam', `Attach${noun}Policy`, { ...params, PolicyArn: p.Arn }), undefined, b);
          if (ok) await refresh(`Attached ${p.PolicyName}.`);
        },
      });
      render(
        tool,
        h(
          'section.subform',
          { 'aria-label': 'Attach policies' },
          h('h3', null, 'Attach policies'),
          picker,
          h('button', { type: 'button', onClick: () => render(tool) }, 'Close'),
        ),
      );
      /** @type {HTMLElement | null} */ (tool.querySelector('input[type=search]'))?.focus();
    } catch (error) {
      render(tool, notice(errorText(error)));
    }
  });
  const attachedTable =
    attached.length === 0
      ? h('p', null, 'No managed policies attached.')
      : h(
          'table',
          { 'aria-label': 'Attached managed policies' },
          h(
            'thead',
            null,
            h('tr', null, h('th', null, 'Policy name'), h('th', null, 'Type'), h('th.arn', null, 'ARN'), h('th', null, 'Action')),
          ),
          h(
            'tbody',
            null,
            attached.map((p) =>
              h(
                'tr',
                null,
                h('td', null, p.PolicyName),
                h('td', null, isAwsManaged(p.PolicyArn) ? 'AWS managed' : 'Customer managed'),
                h('td.arn', null, p.PolicyArn),
                h(
                  'td',
                  null,
                  h(
                    'button.danger',
                    {
                      type: 'button',
                      'aria-label': `Detach ${p.PolicyName}`,
                      onClick: async (/** @type {Event} */ e) => {
                        if (!(await confirmAction(`Detach ${p.PolicyName}?`, `${owner.name} loses the permissions it grants.`, 'Detach')))
                          return;
                        const ok = await attempt(
                          status,
                          () => aws.query('iam', `Detach${noun}Policy`, { ...params, PolicyArn: p.PolicyArn }),
                          undefined,
                          /** @type {HTMLElement} */ (e.currentTarget),
                        );
                        if (ok) await refresh(`Detached ${p.PolicyName}.`);
                      },
                    },
                    'Detach',
                  ),
                ),
              ),
            ),
          ),
        );

  // Inline policies.
  const inline = /** @type {string[]} */ (inlineNames.map(String));
  const editor = h('div.tool');
  /** @param {string} [name] editing this one, or a new one */
  async function edit(name) {
    let documentText = TEMPLATE;
    if (name) {
      try {
        const out = await aws.query('iam', `Get${noun}Policy`, { ...params, PolicyName: name });
        documentText = prettyDocument(String(out.PolicyDocument));
      } catch (error) {
        render(status, notice(errorText(error)));
        return;
      }
    }
    const nameInput = h('input', { name: 'policy-name', value: name ?? '', required: true, readonly: Boolean(name), maxlength: '128' });
    const doc = h('textarea', { name: 'policy-document', spellcheck: 'false', rows: '14' });
    /** @type {HTMLTextAreaElement} */ (doc).value = documentText;
    const check = h('p.hint', { 'aria-live': 'polite' });
    const formStatus = h('div.status');
    const validate = () => {
      try {
        JSON.parse(/** @type {HTMLTextAreaElement} */ (doc).value);
        render(check, 'Valid JSON.');
        check.className = 'hint valid';
        return true;
      } catch (error) {
        render(check, `Not valid JSON: ${/** @type {Error} */ (error).message}`);
        check.className = 'hint invalid';
        return false;
      }
    };
    doc.addEventListener('input', validate);
    validate();
    const form = h(
      'form.subform',
      {
        'aria-label': name ? `Edit inline policy ${name}` : 'Add inline policy',
        onSubmit: async (/** @type {Event} */ event) => {
          event.preventDefault();
          if (!validate()) {
            render(formStatus, notice('Fix the JSON first.'));
            return;
          }
          const policyName = val(nameInput);
          const ok = await attempt(
            formStatus,
            () =>
              aws.query('iam', `Put${noun}Policy`, {
                ...params,
                PolicyName: policyName,
                PolicyDocument: /** @type {HTMLTextAreaElement} */ (doc).value,
              }),
            undefined,
            /** @type {HTMLElement} */ (form.querySelector('button[type=submit]')),
          );
          if (ok) await refresh(`Saved inline policy ${policyName}.`);
        },
      },
      h('h3', null, name ? `Edit inline policy ${name}` : 'Add inline policy'),
      field('Policy name', nameInput),
      field('Policy document (JSON)', doc),
      check,
      h(
        'div.toolbar',
        null,
        h('button.primary', { type: 'submit' }, 'Save policy'),
        h('button', { type: 'button', onClick: () => render(editor) }, 'Cancel'),
      ),
      formStatus,
    );
    render(editor, form);
    (name ? doc : nameInput).focus();
  }
  const inlineTable =
    inline.length === 0
      ? h('p', null, 'No inline policies.')
      : h(
          'table',
          { 'aria-label': 'Inline policies' },
          h('thead', null, h('tr', null, h('th', null, 'Policy name'), h('th', null, 'Actions'))),
          h(
            'tbody',
            null,
            inline.map((n) =>
              h(
                'tr',
                null,
                h('td', null, n),
                h(
                  'td',
                  null,
                  h(
                    'div.row-actions',
                    null,
                    h('button', { type: 'button', 'aria-label': `Edit ${n}`, onClick: () => void edit(n) }, 'Edit'),
                    h(
                      'button.danger',
                      {
                        type: 'button',
                        'aria-label': `Delete inline policy ${n}`,
                        onClick: async (/** @type {Event} */ e) => {
                          if (!(await confirmAction(`Delete inline policy ${n}?`, 'The policy is removed for good.'))) return;
                          const ok = await attempt(
                            status,
                            () => aws.query('iam', `Delete${noun}Policy`, { ...params, PolicyName: n }),
                            undefined,
                            /** @type {HTMLElement} */ (e.currentTarget),
                          );
                          if (ok) await refresh(`Deleted inline policy ${n}.`);
                        },
                      },
                      'Delete',
                    ),
                  ),
                ),
              ),
            ),
          ),
        );

  // The permissions boundary (users; roles have theirs on the Roles pages).
  let boundary = null;
  if (owner.kind === 'user') {
    const arn = user?.PermissionsBoundary?.PermissionsBoundaryArn ? String(user.PermissionsBoundary.PermissionsBoundaryArn) : '';
    const boundaryTool = h('div.tool');
    const setButton = h('button', { type: 'button' }, arn ? 'Change boundary' : 'Set permissions boundary');
    setButton.addEventListener('click', async () => {
      render(boundaryTool, h('p.loading', { role: 'status' }, 'Loading policies…'));
      try {
        const picker = await policyPicker({
          label: 'policies for the boundary',
          exclude: new Set(arn ? [arn] : []),
          verb: 'Use as boundary',
          name: (n) => `Use ${n} as boundary`,
          pick: async (p, b) => {
            const ok = await attempt(
              status,
              () => aws.query('iam', 'PutUserPermissionsBoundary', { ...params, PermissionsBoundary: p.Arn }),
              undefined,
              b,
            );
            if (ok) await refresh(`Permissions boundary set to ${p.PolicyName}.`);
          },
        });
        render(
          boundaryTool,
          h(
            'section.subform',
            { 'aria-label': 'Set permissions boundary' },
            h('h3', null, 'Set permissions boundary'),
            picker,
            h('button', { type: 'button', onClick: () => render(boundaryTool) }, 'Close'),
          ),
        );
        /** @type {HTMLElement | null} */ (boundaryTool.querySelector('input[type=search]'))?.focus();
      } catch (error) {
        render(boundaryTool, notice(errorText(error)));
      }
    });
    const removeButton = arn
      ? h(
          'button.danger',
          {
            type: 'button',
            onClick: async (/** @type {Event} */ e) => {
              if (!(await confirmAction('Remove the permissions boundary?', `${owner.name}'s permissions are no longer capped.`, 'Remove')))
                return;
              const ok = await attempt(
                status,
                () => aws.query('iam', 'DeleteUserPermissionsBoundary', params),
                undefined,
                /** @type {HTMLElement} */ (e.currentTarget),
              );
              if (ok) await refresh('Permissions boundary removed.');
            },
          },
          'Remove boundary',
        )
      : null;
    boundary = [
      sectionHead('Permissions boundary', setButton, removeButton),
      arn
        ? h('p', null, 'Boundary: ', h('strong', null, policyNameOf(arn)), ' ', h('span.arn', null, arn))
        : h('p', null, 'No permissions boundary: the permissions the policies above grant are not capped.'),
      boundaryTool,
    ];
  }

  render(
    panel,
    status,
    sectionHead(`Attached managed policies (${attached.length})`, attachButton),
    tool,
    attachedTable,
    sectionHead(`Inline policies (${inline.length})`, h('button', { type: 'button', onClick: () => void edit() }, 'Add inline policy')),
    editor,
    inlineTable,
    boundary,
  );
}

/** Removes every attached and inline policy of a user or group (before deleting it). @param {Owner} owner */
export async function removeAllPolicies(owner) {
  const { noun, params } = api(owner);
  for (const p of await listAll(`ListAttached${noun}Policies`, params, 'AttachedPolicies'))
    await aws.query('iam', `Detach${noun}Policy`, { ...params, PolicyArn: p.PolicyArn });
  for (const n of await listAll(`List${noun}Policies`, params, 'PolicyNames'))
    await aws.query('iam', `Delete${noun}Policy`, { ...params, PolicyName: n });
}
