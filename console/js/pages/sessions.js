// @ts-check
import { h, notice, render, when } from '../dom.js';
import { addRoute, link } from '../router.js';
import { aws } from '../session.js';
import { confirmAction } from '../ui/dialogs.js';
import { list } from '../aws/xml.js';
import { stacked } from '../ui/stack.js';

/**
 * Active role sessions. keysmith keeps no list of sessions (a session is its sealed token), so the
 * list comes from CloudTrail, as AWS's own tooling does it: the AssumeRole, AssumeRoleWithWebIdentity
 * and AssumeRoleWithSAML events of the last 12 hours (the longest a role session lives) that
 * succeeded and whose credentials have not expired — with the session name, who assumed the role,
 * the source identity, the session tags and the issue time — minus the sessions revoked: by a
 * `RevokeRoleSessions` event (keysmith's immediate revocation, also in CloudTrail) or by the role's
 * `AWSRevokeOlderSessions` policy, or by keysmith's revocation list, which the admin CLI
 * (`keysmith sessions revoke`), the admin API and RevokeCredentialGrant write without a CloudTrail
 * event: keysmith's ListSessionRevocations (iam:GetRole on the role) answers a role's entries.
 *
 * Revoking: AWS's way — the inline policy `AWSRevokeOlderSessions` denying everything to sessions
 * issued before now (aws:TokenIssueTime), as AWS's "Revoke active sessions" button writes it — or
 * keysmith's immediate way, RevokeRoleSessions, for every session of the role or one session.
 */
const WINDOW_MS = 12 * 3600_000;
const EVENT_NAMES = ['AssumeRole', 'AssumeRoleWithWebIdentity', 'AssumeRoleWithSAML'];
const AWS_POLICY = 'AWSRevokeOlderSessions';
const MAX_PAGES = 20;

/**
 * @typedef {{ roleArn: string, roleName: string, sessionName: string, assumedBy: string, sourceIdentity?: string,
 *   tags: { key: string, value: string }[], issued: number, expires: number, accessKeyId?: string, event: string, revoked?: string }} RoleSession
 */

addRoute({
  pattern: /^\/sessions$/,
  title: 'Sessions',
  nav: 'Sessions',
  render: (main) => renderSessions(main, undefined),
});
addRoute({
  pattern: /^\/sessions\/role\/([^/]+)$/,
  title: 'Role sessions',
  render: (main, match) => renderSessions(main, match.params[0]),
});

/** @param {HTMLElement} main @param {string | undefined} onlyRole */
async function renderSessions(main, onlyRole) {
  const now = Date.now();
  const sessions = await activeSessions(now);
  const shown = onlyRole ? sessions.filter((s) => s.roleName === onlyRole) : sessions;
  const byRole = new Map(/** @type {[string, RoleSession[]][]} */ ([]));
  for (const s of shown) byRole.set(s.roleArn, [...(byRole.get(s.roleArn) ?? []), s]);
  const status = h('div.status', { role: 'status' });
  const redraw = () => void renderSessions(main, onlyRole);

  async function revokeNow(/** @type {string} */ roleArn, /** @type {string | undefined} */ sessionName) {
    const what = sessionName ? `the session ${sessionName}` : 'every session';
    if (!(await confirmAction('Revoke sessions', `Revoke ${what} of ${roleArn} now? Its credentials stop working at once.`, 'Revoke')))
      return;
    try {
      await aws.query('keysmith', 'RevokeRoleSessions', { RoleArn: roleArn, SessionName: sessionName });
      redraw();
    } catch (error) {
      render(status, notice(errorText(error)));
    }
  }

  async function revokeAwsWay(/** @type {string} */ roleArn) {
    const name = roleArn.slice(roleArn.lastIndexOf('/') + 1);
    const text = `Add the inline policy ${AWS_POLICY} to ${name}, denying every action to sessions issued before now (aws:TokenIssueTime), as AWS's console does?`;
    if (!(await confirmAction('Revoke active sessions (AWS)', text, 'Revoke'))) return;
    const document = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          Action: ['*'],
          Resource: ['*'],
          Condition: { DateLessThan: { 'aws:TokenIssueTime': new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') } },
        },
      ],
    };
    try {
      await aws.query('iam', 'PutRolePolicy', { RoleName: name, PolicyName: AWS_POLICY, PolicyDocument: JSON.stringify(document) });
      redraw();
    } catch (error) {
      render(status, notice(errorText(error)));
    }
  }

  const roleSections = [...byRole.entries()].map(([roleArn, roleList]) => {
    const name = roleArn.slice(roleArn.lastIndexOf('/') + 1);
    const active = roleList.filter((s) => !s.revoked);
    return h(
      'section.role-sessions',
      { 'aria-label': `Sessions of ${name}` },
      h('h2', null, h('a', { href: link('sessions', 'role', name) }, name), h('span.count', null, ` ${active.length} active`)),
      h(
        'div.toolbar',
        null,
        h(
          'button.danger',
          { type: 'button', disabled: active.length === 0, onClick: () => void revokeNow(roleArn, undefined) },
          `Revoke all sessions of ${name} now`,
        ),
        h('button', { type: 'button', onClick: () => void revokeAwsWay(roleArn) }, `Revoke the AWS way (${AWS_POLICY})`),
      ),
      stacked(
        h(
          'table',
          { 'aria-label': `Sessions of ${name}` },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              ['Session name', 'Assumed by', 'Source identity', 'Session tags', 'Issued', 'Expires', 'Status', ''].map((t) =>
                h('th', { scope: 'col' }, t),
              ),
            ),
          ),
          h(
            'tbody',
            null,
            roleList.map((s) =>
              h(
                'tr',
                { class: s.revoked ? 'revoked' : '' },
                h('td', null, s.sessionName, h('div.hint', null, s.event)),
                h('td.wrap', null, s.assumedBy),
                h('td', null, s.sourceIdentity ?? '—'),
                h('td', null, s.tags.length ? s.tags.map((t) => h('div', null, `${t.key}=${t.value}`)) : '—'),
                h('td', null, when(new Date(s.issued).toISOString())),
                h('td', null, when(new Date(s.expires).toISOString())),
                h('td', null, s.revoked ? h('span.badge.bad', null, `revoked (${s.revoked})`) : h('span.badge.ok', null, 'active')),
                h(
                  'td',
                  null,
                  s.revoked
                    ? null
                    : h(
                        'button.danger',
                        {
                          type: 'button',
                          'aria-label': `Revoke session ${s.sessionName}`,
                          onClick: () => void revokeNow(roleArn, s.sessionName),
                        },
                        'Revoke',
                      ),
                ),
              ),
            ),
          ),
        ),
      ),
    );
  });

  render(
    main,
    h('h1', null, onlyRole ? `Sessions of ${onlyRole}` : 'Active role sessions'),
    h(
      'p.hint',
      null,
      'From CloudTrail: role sessions issued in the last 12 hours that have not expired. “Revoke … now” is keysmith’s immediate revocation; the AWS way adds a deny policy to the role.',
    ),
    onlyRole ? h('p', null, h('a', { href: '#/sessions' }, 'All sessions')) : null,
    status,
    roleSections.length ? roleSections : h('p', null, 'No active role sessions.'),
  );
}

/** @param {number} now @returns {Promise<RoleSession[]>} */
async function activeSessions(now) {
  const events = (await Promise.all([...EVENT_NAMES, 'RevokeRoleSessions'].map((name) => lookup(name, now - WINDOW_MS)))).flat();
  /** @type {RoleSession[]} */
  const sessions = [];
  /** @type {{ roleArn: string, sessionName?: string, at: number }[]} */
  const revocations = [];
  for (const e of events) {
    if (e.errorCode) continue;
    const req = e.requestParameters ?? {};
    if (e.eventName === 'RevokeRoleSessions') {
      revocations.push({ roleArn: req.roleArn, sessionName: req.sessionName, at: Date.parse(e.eventTime) });
      continue;
    }
    const res = e.responseElements ?? {};
    const expires = javaDate(res.credentials?.expiration);
    if (!(expires > now) || !req.roleArn) continue;
    const who = e.userIdentity ?? {};
    sessions.push({
      roleArn: req.roleArn,
      roleName: String(req.roleArn).slice(String(req.roleArn).lastIndexOf('/') + 1),
      sessionName:
        req.roleSessionName ??
        String(res.assumedRoleUser?.arn ?? '')
          .split('/')
          .pop() ??
        '',
      assumedBy: who.arn ?? who.identityProvider ?? who.userName ?? who.principalId ?? who.type ?? '—',
      sourceIdentity: res.sourceIdentity || req.sourceIdentity || undefined,
      tags: Array.isArray(req.tags) ? req.tags : [],
      issued: Date.parse(e.eventTime),
      expires,
      accessKeyId: res.credentials?.accessKeyId,
      event: e.eventName,
    });
  }
  // The roles' AWSRevokeOlderSessions policies (one call per role that has sessions).
  const roles = [...new Set(sessions.map((s) => s.roleName))];
  const cutoffs = new Map(
    await Promise.all(
      roles.map(async (name) => {
        try {
          const out = await aws.query('iam', 'GetRolePolicy', { RoleName: name, PolicyName: AWS_POLICY });
          const doc = JSON.parse(decodeURIComponent(String(out.PolicyDocument)));
          const st = [doc.Statement].flat()[0];
          return /** @type {[string, number]} */ ([name, Date.parse(st?.Condition?.DateLessThan?.['aws:TokenIssueTime'] ?? '')]);
        } catch {
          return /** @type {[string, number]} */ ([name, Number.NaN]);
        }
      }),
    ),
  );
  // keysmith's revocation list for those roles (one call per role that has sessions).
  const listed = new Map(
    await Promise.all(
      [...new Set(sessions.map((s) => s.roleArn))].map(async (arn) => {
        try {
          const out = await aws.query('keysmith', 'ListSessionRevocations', { RoleArn: arn });
          const entries = list(out.Revocations).map((r) => ({
            sessionName: r.SessionName ? String(r.SessionName) : undefined,
            before: Date.parse(String(r.RevokedBefore)),
          }));
          return /** @type {[string, { sessionName?: string, before: number }[]]} */ ([arn, entries]);
        } catch {
          return /** @type {[string, { sessionName?: string, before: number }[]]} */ ([arn, []]);
        }
      }),
    ),
  );
  for (const s of sessions) {
    const cutoff = cutoffs.get(s.roleName) ?? Number.NaN;
    // A revocation covers sessions issued up to its second (RevokeRoleSessions includes the current second).
    const revoked = revocations.find(
      (r) => r.roleArn === s.roleArn && (r.sessionName === undefined || r.sessionName === s.sessionName) && s.issued <= r.at,
    );
    const inList = (listed.get(s.roleArn) ?? []).some(
      (r) => (r.sessionName === undefined || r.sessionName === s.sessionName) && s.issued < r.before,
    );
    if (revoked || inList) s.revoked = 'keysmith';
    else if (s.issued < cutoff) s.revoked = AWS_POLICY;
  }
  return sessions.sort((a, b) => b.issued - a.issued);
}

/** Every event of one name since `from` (ms), all pages (up to MAX_PAGES of 50). @param {string} name @param {number} from */
async function lookup(name, from) {
  /** @type {any[]} */
  const out = [];
  /** @type {string | undefined} */
  let token;
  let pages = 0;
  do {
    const page = await aws.json('cloudtrail', 'CloudTrail_20131101.LookupEvents', {
      LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: name }],
      StartTime: Math.floor(from / 1000),
      MaxResults: 50,
      ...(token ? { NextToken: token } : {}),
    });
    for (const e of page.Events ?? []) {
      try {
        out.push(JSON.parse(e.CloudTrailEvent));
      } catch {
        // not JSON: skipped
      }
    }
    token = page.NextToken || undefined;
    pages += 1;
  } while (token && pages < MAX_PAGES);
  return out;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * CloudTrail's responseElements timestamps: `Oct 2, 2019, 11:12:29 PM` (UTC), or ISO 8601.
 * @param {unknown} text @returns {number}
 */
export function javaDate(text) {
  if (typeof text !== 'string') return Number.NaN;
  const m = /^(\w{3}) (\d{1,2}), (\d{4}), (\d{1,2}):(\d{2}):(\d{2}) (AM|PM)$/.exec(text);
  if (!m) return Date.parse(text);
  const hour = (Number(m[4]) % 12) + (m[7] === 'PM' ? 12 : 0);
  return Date.UTC(Number(m[3]), MONTHS.indexOf(m[1] ?? ''), Number(m[2]), hour, Number(m[5]), Number(m[6]));
}

/** @param {unknown} error */
function errorText(error) {
  const e = /** @type {{ code?: string, message?: string }} */ (error);
  return e.code ? `${e.code}: ${e.message}` : String(e.message ?? error);
}
