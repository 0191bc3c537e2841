// @ts-check
import { h, render } from '../dom.js';
import { addRoute } from '../router.js';
import { aws } from '../session.js';
import { list } from '../aws/xml.js';

/**
 * The IAM dashboard: the account's summary (GetAccountSummary) and security recommendations, as
 * AWS's dashboard shows them — root access keys, users without MFA, access keys older than 90 days,
 * roles unused for 90 days (GetAccountAuthorizationDetails' last-used data).
 */
const DAY = 86_400_000;

addRoute({
  pattern: /^\/$/,
  title: 'IAM dashboard',
  nav: 'Dashboard',
  async render(main) {
    const [summary, details] = await Promise.all([
      aws.query('iam', 'GetAccountSummary'),
      aws.query('iam', 'GetAccountAuthorizationDetails', { Filter: ['User', 'Role'], MaxItems: 1000 }).catch(() => undefined),
    ]);
    const map = /** @type {Record<string, string>} */ (summary.SummaryMap ?? {});
    const card = (/** @type {string} */ label, /** @type {string} */ key, /** @type {string} */ href) =>
      h('a.card', { href }, h('span.count', null, map[key] ?? '0'), h('span.label', null, label));

    /** @type {HTMLElement[]} */
    const findings = [];
    const add = (/** @type {'warn' | 'ok'} */ level, /** @type {string} */ text) => findings.push(h(`li.${level}`, null, text));
    if (map.AccountAccessKeysPresent === '1') add('warn', 'The root user has access keys: delete them and use IAM users or roles.');
    else add('ok', 'The root user has no access keys.');
    if (map.AccountMFAEnabled !== '1') add('warn', 'The root user has no MFA device.');
    if (details) {
      const users = list(details.UserDetailList);
      const now = Date.now();
      const noMfa = [];
      const oldKeys = [];
      for (const u of users) {
        const [devices, keys] = await Promise.all([
          aws.query('iam', 'ListMFADevices', { UserName: u.UserName }),
          aws.query('iam', 'ListAccessKeys', { UserName: u.UserName }),
        ]);
        if (list(devices.MFADevices).length === 0) noMfa.push(u.UserName);
        for (const k of list(keys.AccessKeyMetadata))
          if (now - Date.parse(k.CreateDate) > 90 * DAY) oldKeys.push(`${u.UserName} (${k.AccessKeyId})`);
      }
      if (noMfa.length > 0) add('warn', `${noMfa.length} user(s) without MFA: ${noMfa.join(', ')}`);
      else add('ok', 'Every user has an MFA device.');
      if (oldKeys.length > 0) add('warn', `Access keys older than 90 days: ${oldKeys.join(', ')}`);
      const unused = list(details.RoleDetailList).filter((r) => {
        const last = r.RoleLastUsed?.LastUsedDate;
        return (last ? now - Date.parse(last) : now - Date.parse(r.CreateDate)) > 90 * DAY;
      });
      if (unused.length > 0) add('warn', `Roles unused for 90 days: ${unused.map((r) => r.RoleName).join(', ')}`);
    }
    render(
      main,
      h('h1', null, 'IAM dashboard'),
      h(
        'section.cards',
        { 'aria-label': 'IAM resources' },
        card('Users', 'Users', '#/users'),
        card('User groups', 'Groups', '#/groups'),
        card('Roles', 'Roles', '#/roles'),
        card('Customer managed policies', 'Policies', '#/policies'),
        card('Identity providers', 'Providers', '#/providers'),
      ),
      h('h2', null, 'Security recommendations'),
      h('ul.findings', null, findings),
    );
  },
});
