// @ts-check
import { field, h, notice, render } from '../dom.js';
import { addRoute, go } from '../router.js';
import { aws, current, pushRole } from '../session.js';

/**
 * Switch role, as AWS's console does it: the account and role name (or the role's ARN), a display
 * name and a colour; the console assumes the role with the signed-in session's credentials
 * (sts:AssumeRole, authorized and audited like any call) and works as the role until "Back".
 */
const COLORS = ['#d13212', '#ff9900', '#1d8102', '#0073bb', '#8c4fff', '#4d4d4d'];

addRoute({
  pattern: /^\/switch-role$/,
  title: 'Switch role',
  render(main, match) {
    const account = h('input', { name: 'account', value: match.query.get('account') ?? current()?.accountId ?? '', required: true });
    const role = h('input', { name: 'role', value: match.query.get('roleName') ?? '', required: true });
    const display = h('input', { name: 'display-name', value: match.query.get('displayName') ?? '' });
    const color = h(
      'select',
      { name: 'color' },
      COLORS.map((c) => h('option', { value: c }, c)),
    );
    const status = h('div.status');
    const value = (/** @type {HTMLElement} */ el) => /** @type {HTMLInputElement} */ (el).value.trim();
    async function submit(/** @type {Event} */ event) {
      event.preventDefault();
      const name = value(role);
      const roleArn = name.startsWith('arn:') ? name : `arn:aws:iam::${value(account)}:role/${name}`;
      try {
        const me = current();
        const out = await aws.query('sts', 'AssumeRole', {
          RoleArn: roleArn,
          RoleSessionName: (me?.userName ?? 'console').replace(/[^\w+=,.@-]/g, '-').slice(0, 64),
        });
        const c = out.Credentials;
        pushRole({
          credentials: {
            accessKeyId: c.AccessKeyId,
            secretAccessKey: c.SecretAccessKey,
            sessionToken: c.SessionToken,
            expiration: c.Expiration,
          },
          arn: out.AssumedRoleUser.Arn,
          accountId: roleArn.split(':')[4] ?? '',
          roleArn,
          displayName: value(display) || `${name.split('/').pop()} @ ${roleArn.split(':')[4]}`,
          color: value(color),
        });
        go('/');
      } catch (error) {
        const e = /** @type {{ code?: string, message?: string }} */ (error);
        render(status, notice(`${e.code}: ${e.message}`));
      }
    }
    render(
      main,
      h('h1', null, 'Switch role'),
      h('p', null, 'Work as a role of this or another account: the role’s trust policy must allow you.'),
      h(
        'form',
        { onSubmit: submit, 'aria-label': 'Switch role' },
        field('Account ID', account),
        field('Role name or ARN', role),
        field('Display name', display, 'Shown in the header while you work as the role.'),
        field('Colour', color),
        h('button.primary', { type: 'submit' }, 'Switch role'),
        status,
      ),
    );
  },
});
