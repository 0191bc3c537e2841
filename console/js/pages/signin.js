// @ts-check
import { AwsClient, AwsError } from '../aws/client.js';
import { field, h, notice, render } from '../dom.js';
import { start, takeSignOutReason } from '../session.js';

/**
 * Sign-in, as AWS's page: an IAM user with the account (id or alias), user name and password —
 * then the MFA code when the user has a device, and a new password when it must be changed — or
 * an access key pair, which signs one call (CreateConsoleSession) and is then forgotten. Either
 * way the console holds only the short-lived session credentials keysmith answers.
 *
 * @param {HTMLElement} app
 * @param {() => void} done
 */
export function renderSignIn(app, done) {
  const client = new AwsClient(() => undefined);
  const reason = takeSignOutReason();
  let mode = /** @type {'password' | 'keys'} */ ('password');
  // What the server asked for so far: each stays on the form once asked.
  let needMfa = false;
  let needReset = false;
  const status = h('div.status');

  const account = h('input', { name: 'account', autocomplete: 'organization', required: true });
  const user = h('input', { name: 'username', autocomplete: 'username', required: true });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const mfa = h('input', { name: 'mfa', inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '\\d{6}' });
  const newPassword = h('input', { name: 'new-password', type: 'password', autocomplete: 'new-password' });
  const confirmPassword = h('input', { name: 'confirm-password', type: 'password', autocomplete: 'new-password' });
  const keyId = h('input', { name: 'access-key-id', autocomplete: 'off', required: true });
  const secret = h('input', { name: 'secret-access-key', type: 'password', autocomplete: 'off', required: true });
  const value = (/** @type {HTMLElement} */ el) => /** @type {HTMLInputElement} */ (el).value.trim();

  const mfaField = field('MFA code', mfa, 'The six digits your authenticator app shows for this user.');
  const resetFields = h(
    'div',
    null,
    field('New password', newPassword, 'Your password must be changed before you continue.'),
    field('Confirm new password', confirmPassword),
  );

  async function submit(/** @type {Event} */ event) {
    event.preventDefault();
    render(status);
    try {
      if (mode === 'keys') {
        const credentials = { accessKeyId: value(keyId), secretAccessKey: value(secret) };
        const out = await client.query('keysmith', 'CreateConsoleSession', {}, { credentials });
        /** @type {HTMLInputElement} */ (secret).value = '';
        start(identityOf(out));
      } else {
        if (needReset && value(newPassword) !== value(confirmPassword)) {
          render(status, notice('The new passwords do not match.'));
          return;
        }
        const out = await client.query(
          'keysmith',
          'ConsoleLogin',
          {
            Account: value(account),
            UserName: value(user),
            Password: /** @type {HTMLInputElement} */ (password).value,
            MFACode: needMfa ? value(mfa) || undefined : undefined,
            NewPassword: needReset ? /** @type {HTMLInputElement} */ (newPassword).value : undefined,
          },
          { unsigned: true },
        );
        start(identityOf(out));
      }
      done();
    } catch (error) {
      if (error instanceof AwsError && (error.code === 'MFARequired' || error.code === 'PasswordResetRequired')) {
        if (error.code === 'MFARequired') needMfa = true;
        else needReset = true;
        draw();
        render(status, notice(error.message, 'info'));
        (error.code === 'MFARequired' ? mfa : newPassword).focus();
        return;
      }
      const e = /** @type {AwsError} */ (error);
      render(status, notice(e.code ? `${e.message}` : String(error)));
    }
  }

  function draw() {
    const tabs = h(
      'div.tabs',
      { role: 'tablist' },
      h(
        'button',
        { type: 'button', role: 'tab', 'aria-selected': String(mode === 'password'), onClick: () => ((mode = 'password'), draw()) },
        'IAM user',
      ),
      h(
        'button',
        { type: 'button', role: 'tab', 'aria-selected': String(mode === 'keys'), onClick: () => ((mode = 'keys'), draw()) },
        'Access key',
      ),
    );
    const fields =
      mode === 'password'
        ? [
            field('Account ID or alias', account),
            field('IAM user name', user),
            field('Password', password),
            needReset ? resetFields : null,
            needMfa ? mfaField : null,
          ]
        : [
            field('Access key ID', keyId),
            field('Secret access key', secret, 'Used once to sign in; the console keeps only short-lived session credentials.'),
          ];
    render(
      app,
      h(
        'main#main.signin',
        null,
        h('h1', null, 'Sign in to keysmith'),
        reason ? notice(reason, 'info') : null,
        tabs,
        h('form', { onSubmit: submit, 'aria-label': 'Sign in' }, fields, h('button.primary', { type: 'submit' }, 'Sign in'), status),
      ),
    );
  }
  draw();
}

/** @param {any} out */
function identityOf(out) {
  const c = out.Credentials;
  return {
    credentials: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration },
    arn: String(out.Arn),
    accountId: String(out.AccountId),
    userName: out.UserName ? String(out.UserName) : undefined,
  };
}
