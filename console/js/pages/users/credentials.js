// @ts-check
import { field, h, notice, render, when } from '../../dom.js';
import { aws } from '../../session.js';
import { AwsError } from '../../aws/client.js';
import { confirmAction } from '../../ui/dialogs.js';
import { attempt, copyable, errorText, listAll, secretOnce, val } from './common.js';

/**
 * A user's Security credentials tab, in three sections that each redraw on their own (so a new
 * key's secret box is not lost when the key table is redrawn):
 * - Console sign-in: the login profile — enable (CreateLoginProfile), change the password or
 *   require a new one (UpdateLoginProfile), disable (DeleteLoginProfile).
 * - MFA: the user's devices (ListMFADevices); assign a virtual device as AWS does —
 *   CreateVirtualMFADevice, its QR code (QRCodePNG, a PNG as base64, shown as a data: image, which
 *   the CSP allows) and secret key, then two consecutive codes to EnableMFADevice; remove one
 *   (DeactivateMFADevice, then DeleteVirtualMFADevice).
 * - Access keys: create (the secret shown once), make inactive or active (UpdateAccessKey),
 *   delete, and when each was last used (GetAccessKeyLastUsed, one call per key: at most two).
 *
 * @param {HTMLElement} panel
 * @param {string} userName
 */
export async function securityTab(panel, userName) {
  const password = h('section.cred', { 'aria-labelledby': 'cred-console' });
  const mfa = h('section.cred', { 'aria-labelledby': 'cred-mfa' });
  const keys = h('section.cred', { 'aria-labelledby': 'cred-keys' });
  // Each section answers on its own: one the signed-in identity may not read shows its error alone.
  const failed =
    (/** @type {HTMLElement} */ section, /** @type {string} */ id, /** @type {string} */ title) => (/** @type {unknown} */ error) =>
      render(section, h(`h2#${id}`, null, title), notice(errorText(error)));
  await Promise.all([
    consoleSection(password, userName).catch(failed(password, 'cred-console', 'Console sign-in')),
    mfaSection(mfa, userName).catch(failed(mfa, 'cred-mfa', 'Multi-factor authentication (MFA)')),
    keysSection(keys, userName).catch(failed(keys, 'cred-keys', 'Access keys')),
  ]);
  render(panel, password, mfa, keys);
}

/** @param {HTMLElement} section @param {HTMLElement} status */
function focusStatus(section, status) {
  if (section.isConnected) status.focus();
}

/**
 * @param {HTMLElement} section
 * @param {string} userName
 * @param {string} [message]
 */
async function consoleSection(section, userName, message) {
  /** @type {any} */
  let profile;
  try {
    profile = (await aws.query('iam', 'GetLoginProfile', { UserName: userName })).LoginProfile;
  } catch (error) {
    if (!(error instanceof AwsError && error.code === 'NoSuchEntity')) throw error;
  }
  const status = h('div.status', { tabindex: '-1' }, message ? notice(message, 'ok') : null);
  const refresh = async (/** @type {string} */ text) => {
    await consoleSection(section, userName, text);
    focusStatus(section, /** @type {HTMLElement} */ (section.querySelector('.status')));
  };
  const tool = h('div.tool');

  /** The password form: enabling console access, or managing it. */
  const passwordForm = () => {
    const input = h('input', { type: 'password', name: 'new-console-password', autocomplete: 'new-password', required: !profile });
    const reset = h('input', {
      type: 'checkbox',
      name: 'require-reset',
      checked: profile ? profile.PasswordResetRequired === 'true' : true,
    });
    const formStatus = h('div.status');
    const submit = h('button.primary', { type: 'submit' }, profile ? 'Apply' : 'Enable console access');
    const form = h(
      'form.subform',
      {
        'aria-label': profile ? 'Manage console access' : 'Enable console access',
        onSubmit: async (/** @type {Event} */ event) => {
          event.preventDefault();
          const pw = /** @type {HTMLInputElement} */ (input).value;
          const requireReset = /** @type {HTMLInputElement} */ (reset).checked;
          const ok = await attempt(
            formStatus,
            () =>
              aws.query('iam', profile ? 'UpdateLoginProfile' : 'CreateLoginProfile', {
                UserName: userName,
                Password: pw || undefined,
                PasswordResetRequired: requireReset,
              }),
            undefined,
            submit,
          );
          /** @type {HTMLInputElement} */ (input).value = '';
          if (ok) await refresh(profile ? 'Console access updated.' : 'Console access enabled.');
        },
      },
      field(
        profile ? 'New console password' : 'Console password',
        input,
        profile ? 'Leave empty to keep the current password.' : 'The account password policy applies.',
      ),
      h('label.check', null, reset, ' User must create a new password at next sign-in'),
      h('div.toolbar', null, submit, h('button', { type: 'button', onClick: () => render(tool) }, 'Cancel')),
      formStatus,
    );
    render(tool, form);
    input.focus();
  };
  const disable = profile
    ? h(
        'button.danger',
        {
          type: 'button',
          onClick: async (/** @type {Event} */ e) => {
            if (!(await confirmAction('Disable console access?', `${userName} can no longer sign in with a password.`, 'Disable'))) return;
            const ok = await attempt(
              status,
              () => aws.query('iam', 'DeleteLoginProfile', { UserName: userName }),
              undefined,
              /** @type {HTMLElement} */ (e.currentTarget),
            );
            if (ok) await refresh('Console access disabled.');
          },
        },
        'Disable console access',
      )
    : null;
  render(
    section,
    h(
      'div.section-head',
      null,
      h('h2#cred-console', null, 'Console sign-in'),
      h(
        'div.actions',
        null,
        h('button', { type: 'button', onClick: passwordForm }, profile ? 'Manage console access' : 'Enable console access'),
        disable,
      ),
    ),
    status,
    profile
      ? h(
          'p',
          null,
          `Console password enabled since ${when(profile.CreateDate)}.`,
          profile.PasswordResetRequired === 'true' ? ' A new password must be chosen at next sign-in.' : '',
        )
      : h('p', null, 'Console access is disabled: the user has no password.'),
    tool,
  );
}

/**
 * @param {HTMLElement} section
 * @param {string} userName
 * @param {string} [message]
 */
async function mfaSection(section, userName, message) {
  const devices = await listAll('ListMFADevices', { UserName: userName }, 'MFADevices');
  const status = h('div.status', { tabindex: '-1' }, message ? notice(message, 'ok') : null);
  const refresh = async (/** @type {string} */ text) => {
    await mfaSection(section, userName, text);
    focusStatus(section, /** @type {HTMLElement} */ (section.querySelector('.status')));
  };
  const tool = h('div.tool');

  /** Step 1: name the device. */
  const assign = () => {
    const name = h('input', { name: 'mfa-device-name', value: userName, required: true, maxlength: '226', pattern: '[\\w+=,.@\\-]+' });
    const formStatus = h('div.status');
    const submit = h('button.primary', { type: 'submit' }, 'Next');
    const form = h(
      'form.subform',
      {
        'aria-label': 'Assign MFA device',
        onSubmit: async (/** @type {Event} */ event) => {
          event.preventDefault();
          /** @type {any} */
          let device;
          const ok = await attempt(
            formStatus,
            async () => {
              device = (await aws.query('iam', 'CreateVirtualMFADevice', { VirtualMFADeviceName: val(name) })).VirtualMFADevice;
            },
            undefined,
            submit,
          );
          if (ok) enable(device);
        },
      },
      h('h3', null, 'Assign a virtual MFA device'),
      field('Device name', name, 'A name for the authenticator app’s entry; it becomes the device’s serial number (an ARN).'),
      h('div.toolbar', null, submit, h('button', { type: 'button', onClick: () => render(tool) }, 'Cancel')),
      formStatus,
    );
    render(tool, form);
    name.focus();
  };

  /** Step 2: scan the QR code (or type the key), then two consecutive codes. @param {any} device */
  const enable = (device) => {
    const serial = String(device.SerialNumber);
    const secretKey = atob(String(device.Base32StringSeed));
    const code1 = h('input', {
      name: 'mfa-code-1',
      inputmode: 'numeric',
      autocomplete: 'one-time-code',
      pattern: '\\d{6}',
      required: true,
      maxlength: '6',
    });
    const code2 = h('input', {
      name: 'mfa-code-2',
      inputmode: 'numeric',
      autocomplete: 'one-time-code',
      pattern: '\\d{6}',
      required: true,
      maxlength: '6',
    });
    const keyArea = h('div');
    const showKey = h('button.link', { type: 'button', 'aria-expanded': 'false' }, 'Show secret key');
    showKey.addEventListener('click', () => {
      const shown = showKey.getAttribute('aria-expanded') === 'true';
      showKey.setAttribute('aria-expanded', String(!shown));
      render(showKey, shown ? 'Show secret key' : 'Hide secret key');
      render(keyArea, shown ? null : copyable('Secret key', secretKey, true));
    });
    const formStatus = h('div.status');
    const submit = h('button.primary', { type: 'submit' }, 'Add MFA');
    const cancel = h('button', { type: 'button' }, 'Cancel');
    cancel.addEventListener('click', async () => {
      // The device was made but not assigned: delete it, as AWS's console does.
      await aws.query('iam', 'DeleteVirtualMFADevice', { SerialNumber: serial }).catch(() => undefined);
      render(tool);
    });
    const form = h(
      'form.subform.mfa-setup',
      {
        'aria-label': 'Set up the virtual MFA device',
        onSubmit: async (/** @type {Event} */ event) => {
          event.preventDefault();
          const ok = await attempt(
            formStatus,
            () =>
              aws.query('iam', 'EnableMFADevice', {
                UserName: userName,
                SerialNumber: serial,
                AuthenticationCode1: val(code1),
                AuthenticationCode2: val(code2),
              }),
            undefined,
            submit,
          );
          if (ok) await refresh(`MFA device ${serial} assigned.`);
        },
      },
      h('h3', null, 'Set up the virtual MFA device'),
      h(
        'ol.steps',
        null,
        h('li', null, 'Install an authenticator app (any app that supports TOTP) on a phone or computer.'),
        h(
          'li',
          null,
          'Scan this QR code with the app — or type the secret key instead.',
          h(
            'div.qr',
            null,
            h('img.qr-code', {
              src: `data:image/png;base64,${String(device.QRCodePNG)}`,
              alt: `QR code for the MFA device ${serial}`,
              width: '200',
              height: '200',
            }),
          ),
          showKey,
          keyArea,
        ),
        h('li', null, 'Type two consecutive codes the app shows for this device.'),
      ),
      field('MFA code 1', code1),
      field('MFA code 2', code2, 'The next code, after the first one changes.'),
      h('div.toolbar', null, submit, cancel),
      formStatus,
    );
    render(tool, form);
    code1.focus();
  };

  render(
    section,
    h(
      'div.section-head',
      null,
      h('h2#cred-mfa', null, `Multi-factor authentication (MFA) (${devices.length})`),
      h('div.actions', null, h('button', { type: 'button', onClick: assign }, 'Assign MFA device')),
    ),
    status,
    tool,
    devices.length === 0
      ? h('p', null, 'No MFA device: assign one so a password alone cannot sign in.')
      : h(
          'table',
          { 'aria-label': 'MFA devices' },
          h(
            'thead',
            null,
            h('tr', null, h('th', null, 'Identifier'), h('th', null, 'Type'), h('th', null, 'Assigned'), h('th', null, 'Action')),
          ),
          h(
            'tbody',
            null,
            devices.map((d) => {
              const serial = String(d.SerialNumber);
              const virtual = serial.includes(':mfa/');
              const remove = h('button.danger', { type: 'button', 'aria-label': `Remove MFA device ${serial}` }, 'Remove');
              remove.addEventListener('click', async () => {
                if (!(await confirmAction('Remove the MFA device?', `${serial} is deactivated${virtual ? ' and deleted' : ''}.`, 'Remove')))
                  return;
                const ok = await attempt(
                  status,
                  async () => {
                    await aws.query('iam', 'DeactivateMFADevice', { UserName: userName, SerialNumber: serial });
                    if (virtual) await aws.query('iam', 'DeleteVirtualMFADevice', { SerialNumber: serial });
                  },
                  undefined,
                  remove,
                );
                if (ok) await refresh(`MFA device ${serial} removed.`);
              });
              return h(
                'tr',
                null,
                h('td.arn', null, serial),
                h('td', null, virtual ? 'Virtual MFA device' : 'Hardware / other'),
                h('td', null, when(d.EnableDate)),
                h('td', null, remove),
              );
            }),
          ),
        ),
  );
}

/**
 * @param {HTMLElement} section
 * @param {string} userName
 * @param {string} [message]
 * @param {HTMLElement} [secretArea]  kept across redraws: the new key's secret box
 */
async function keysSection(section, userName, message, secretArea = h('div.secret-area')) {
  const keys = await listAll('ListAccessKeys', { UserName: userName }, 'AccessKeyMetadata');
  const used = await Promise.all(
    keys.map((k) =>
      aws
        .query('iam', 'GetAccessKeyLastUsed', { AccessKeyId: k.AccessKeyId })
        .then((o) => o.AccessKeyLastUsed ?? {})
        .catch(() => ({})),
    ),
  );
  const status = h('div.status', { tabindex: '-1' }, message ? notice(message, 'ok') : null);
  const refresh = async (/** @type {string} */ text) => {
    await keysSection(section, userName, text, secretArea);
    focusStatus(section, /** @type {HTMLElement} */ (section.querySelector('.status')));
  };
  const create = h('button', { type: 'button' }, 'Create access key');
  create.addEventListener('click', async () => {
    /** @type {any} */
    let key;
    const ok = await attempt(
      status,
      async () => {
        key = (await aws.query('iam', 'CreateAccessKey', { UserName: userName })).AccessKey;
      },
      undefined,
      create,
    );
    if (!ok) return;
    render(
      secretArea,
      secretOnce(key, /** @type {HTMLElement | undefined} */ (section.querySelector('.section-head button') ?? undefined)),
    );
    await keysSection(section, userName, `Access key ${key.AccessKeyId} created.`, secretArea);
    /** @type {HTMLElement | null} */ (secretArea.querySelector('button'))?.focus();
  });
  render(
    section,
    h('div.section-head', null, h('h2#cred-keys', null, `Access keys (${keys.length})`), h('div.actions', null, create)),
    h(
      'p.hint',
      null,
      'Access keys sign calls from the AWS CLI, SDKs and tools. A user can have two; rotate them, and delete those no longer used.',
    ),
    status,
    secretArea,
    keys.length === 0
      ? h('p', null, 'No access keys.')
      : h(
          'table',
          { 'aria-label': 'Access keys' },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              h('th', null, 'Access key ID'),
              h('th', null, 'Status'),
              h('th', null, 'Created'),
              h('th', null, 'Last used'),
              h('th', null, 'Actions'),
            ),
          ),
          h(
            'tbody',
            null,
            keys.map((k, i) => {
              const id = String(k.AccessKeyId);
              const active = k.Status === 'Active';
              const u = /** @type {any} */ (used[i]);
              const toggle = h(
                'button',
                { type: 'button', 'aria-label': `${active ? 'Deactivate' : 'Activate'} ${id}` },
                active ? 'Deactivate' : 'Activate',
              );
              toggle.addEventListener('click', async () => {
                const ok = await attempt(
                  status,
                  () =>
                    aws.query('iam', 'UpdateAccessKey', { UserName: userName, AccessKeyId: id, Status: active ? 'Inactive' : 'Active' }),
                  undefined,
                  toggle,
                );
                if (ok) await refresh(`Access key ${id} is now ${active ? 'inactive' : 'active'}.`);
              });
              const remove = h('button.danger', { type: 'button', 'aria-label': `Delete ${id}` }, 'Delete');
              remove.addEventListener('click', async () => {
                if (
                  !(await confirmAction(
                    `Delete access key ${id}?`,
                    'Anything still signing with this key stops working. This cannot be undone.',
                  ))
                )
                  return;
                const ok = await attempt(
                  status,
                  () => aws.query('iam', 'DeleteAccessKey', { UserName: userName, AccessKeyId: id }),
                  undefined,
                  remove,
                );
                if (ok) await refresh(`Access key ${id} deleted.`);
              });
              return h(
                'tr',
                null,
                h('td', null, h('code', null, id)),
                h('td', null, h(`span.badge.${active ? 'ok' : 'off'}`, null, k.Status)),
                h('td', null, when(k.CreateDate)),
                h(
                  'td',
                  null,
                  u.LastUsedDate
                    ? `${when(u.LastUsedDate)}${u.ServiceName && u.ServiceName !== 'N/A' ? ` (${u.ServiceName})` : ''}`
                    : 'Never',
                ),
                h('td', null, h('div.row-actions', null, toggle, remove)),
              );
            }),
          ),
        ),
  );
}
