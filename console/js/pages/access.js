// @ts-check
import { field, h, notice, render } from '../dom.js';
import { addRoute, go, link } from '../router.js';
import { aws, current } from '../session.js';
import { list } from '../aws/xml.js';
import { stacked } from '../ui/stack.js';

/**
 * Access analysis: who can assume a role (users, roles, accounts, services, federated providers,
 * directly or through a chain of roles), and which roles a user or role can reach — from keysmith's
 * AnalyzeAccess (authorized as iam:GetAccountAuthorizationDetails), which asks the policy engine
 * what AssumeRole would decide. Drawn as a graph (SVG, nodes by kind, labelled edges; conditional
 * links dashed) and listed as text: every path with the statements that allow each link.
 */
const SVG = 'http://www.w3.org/2000/svg';
const KIND_TEXT = {
  user: 'IAM user',
  role: 'Role',
  account: 'Account',
  service: 'AWS service',
  federated: 'Federated',
  anyone: 'Anyone',
  external: 'Outside keysmith',
};

addRoute({
  pattern: /^\/access$/,
  title: 'Access analysis',
  nav: 'Access analysis',
  async render(main) {
    const [users, roles] = await Promise.all([
      aws.query('iam', 'ListUsers', { MaxItems: 1000 }),
      aws.query('iam', 'ListRoles', { MaxItems: 1000 }),
    ]);
    const roleList = list(roles.Roles);
    const roleSelect = h(
      'select',
      { name: 'role' },
      roleList.map((r) => h('option', { value: r.RoleName }, r.RoleName)),
    );
    const principalSelect = h(
      'select',
      { name: 'principal' },
      list(users.Users).map((u) => h('option', { value: u.Arn }, `User: ${u.UserName}`)),
      roleList.map((r) => h('option', { value: r.Arn }, `Role: ${r.RoleName}`)),
    );
    const value = (/** @type {HTMLElement} */ el) => /** @type {HTMLSelectElement} */ (el).value;
    render(
      main,
      h('h1', null, 'Access analysis'),
      h(
        'p',
        null,
        'Who can assume a role, directly or through other roles, and what a user or role can reach — decided by keysmith’s policy engine as AssumeRole decides. Links that depend on request values (MFA, ExternalId, tags, source IP…) are shown as conditional, with those keys.',
      ),
      h(
        'form',
        {
          'aria-label': 'Who can assume a role',
          onSubmit: (/** @type {Event} */ e) => {
            e.preventDefault();
            go(link('access', 'role', value(roleSelect)).slice(1));
          },
        },
        h('h2', null, 'Who can assume this role?'),
        field('Role', roleSelect),
        h('button.primary', { type: 'submit' }, 'Show who can assume it'),
      ),
      h(
        'form',
        {
          'aria-label': 'What a principal can reach',
          onSubmit: (/** @type {Event} */ e) => {
            e.preventDefault();
            go(link('access', 'principal', value(principalSelect)).slice(1));
          },
        },
        h('h2', null, 'Which roles can this principal reach?'),
        field('User or role', principalSelect),
        h('button.primary', { type: 'submit' }, 'Show the roles it can reach'),
      ),
    );
  },
});

addRoute({
  pattern: /^\/access\/role\/([^/]+)$/,
  title: 'Who can assume a role',
  async render(main, match) {
    const name = match.params[0] ?? '';
    const role = await aws.query('iam', 'GetRole', { RoleName: name });
    await renderAnalysis(main, { RoleArn: role.Role.Arn }, `Who can assume ${name}`, match.query);
  },
});

addRoute({
  pattern: /^\/access\/principal\/(.+)$/,
  title: 'Roles a principal can reach',
  async render(main, match) {
    const arn = match.params[0] ?? '';
    await renderAnalysis(main, { PrincipalArn: arn }, `Roles ${arn.slice(arn.lastIndexOf('/') + 1)} can reach`, match.query);
  },
});

/**
 * @param {HTMLElement} main
 * @param {Record<string, string>} subject
 * @param {string} title
 * @param {URLSearchParams} query
 */
async function renderAnalysis(main, subject, title, query) {
  const depth = Number(query.get('depth') ?? '4') || 4;
  const out = await aws.query('keysmith', 'AnalyzeAccess', { ...subject, MaxDepth: depth });
  const nodes = list(out.Nodes);
  const edges = list(out.Edges);
  const paths = list(out.Paths);
  const byId = new Map(nodes.map((n) => [String(n.Id), n]));
  const edgeById = new Map(edges.map((e) => [String(e.Id), e]));
  const label = (/** @type {string} */ id) => String(byId.get(id)?.Label ?? id);
  const depthSelect = h(
    'select',
    {
      name: 'depth',
      onChange: (/** @type {Event} */ e) => {
        const [path] = location.hash.split('?');
        location.hash = `${path}?depth=${/** @type {HTMLSelectElement} */ (e.target).value}`;
      },
    },
    [1, 2, 3, 4, 5, 6].map((d) => h('option', { value: String(d), selected: d === depth }, String(d))),
  );
  const who = out.Direction === 'who-can-assume';
  render(
    main,
    h('p', null, h('a', { href: '#/access' }, 'Access analysis')),
    h('h1', null, title),
    h('div.toolbar', null, field('Longest chain (links)', depthSelect)),
    edges.length === 0
      ? notice(who ? 'Nobody can assume this role.' : 'This principal can assume no role.', 'info')
      : [
          legend(),
          h(
            'div.graph-wrap',
            { role: 'region', 'aria-label': 'Access graph (scrolls; its users and roles are links)', tabindex: '0' },
            graph(out, nodes, edges),
          ),
          h('h2', null, `Paths (${paths.length}${out.Truncated === 'true' ? ', more not listed' : ''})`),
          pathsTable(paths, edgeById, label),
          principalsTable(nodes, String(out.Subject)),
        ],
  );
}

function legend() {
  return h(
    'ul.legend',
    { 'aria-label': 'Legend' },
    Object.entries(KIND_TEXT).map(([kind, text]) => h('li', null, h(`span.swatch.k-${kind}`, { 'aria-hidden': 'true' }), text)),
    h('li', null, h('span.swatch-line.conditional', { 'aria-hidden': 'true' }), 'conditional link'),
  );
}

/** @param {string} tag @param {Record<string, string | number>} [attrs] @param {...(Node | string | null)} children */
function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) if (c !== null) el.append(c);
  return el;
}

/**
 * Layered drawing: the subject at one side, each principal in the column of its shortest chain to
 * (or from) it; within a column, by kind then name.
 * @param {any} out @param {any[]} nodes @param {any[]} edges
 */
function graph(out, nodes, edges) {
  const who = out.Direction === 'who-can-assume';
  const subject = String(out.Subject);
  const distance = new Map([[subject, 0]]);
  let frontier = [subject];
  while (frontier.length) {
    /** @type {string[]} */
    const next = [];
    for (const at of frontier)
      for (const e of edges) {
        const [here, there] = who ? [e.To, e.From] : [e.From, e.To];
        if (here === at && !distance.has(there)) {
          distance.set(there, (distance.get(at) ?? 0) + 1);
          next.push(there);
        }
      }
    frontier = next;
  }
  const maxLayer = Math.max(...distance.values());
  /** @type {Map<number, any[]>} */
  const columns = new Map();
  for (const n of nodes) {
    const d = distance.get(String(n.Id)) ?? maxLayer;
    columns.set(d, [...(columns.get(d) ?? []), n]);
  }
  const W = 190;
  const H = 46;
  const COL = 290;
  const ROW = 78;
  const PAD = 24;
  const tallest = Math.max(...[...columns.values()].map((c) => c.length));
  /** @type {Map<string, { x: number, y: number }>} */
  const at = new Map();
  for (const [d, column] of columns) {
    column.sort((a, b) => String(a.Kind).localeCompare(String(b.Kind)) || String(a.Label).localeCompare(String(b.Label)));
    const offset = ((tallest - column.length) * ROW) / 2;
    column.forEach((n, i) => {
      const layer = who ? maxLayer - d : d;
      at.set(String(n.Id), { x: PAD + layer * COL, y: PAD + offset + i * ROW });
    });
  }
  const width = PAD * 2 + maxLayer * COL + W;
  const height = PAD * 2 + (tallest - 1) * ROW + H;
  const svg = s(
    'svg',
    {
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      role: 'img',
      'aria-labelledby': 'graph-title',
      class: 'access-graph',
    },
    s('title', { id: 'graph-title' }, `Access graph: ${edges.length} link(s) between ${nodes.length} principal(s)`),
    s(
      'defs',
      {},
      s(
        'marker',
        { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 8, markerHeight: 8, orient: 'auto-start-reverse' },
        s('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow-head' }),
      ),
    ),
  );
  for (const e of edges) {
    const a = at.get(String(e.From));
    const b = at.get(String(e.To));
    if (!a || !b) continue;
    const forward = b.x > a.x;
    const x1 = forward ? a.x + W : a.x;
    const x2 = forward ? b.x : b.x + W;
    const y1 = a.y + H / 2;
    const y2 = b.y + H / 2;
    const bend = forward ? 60 : -60;
    const d =
      a.x === b.x
        ? `M${a.x + W},${y1} C${a.x + W + 70},${y1} ${b.x + W + 70},${y2} ${b.x + W},${y2}`
        : `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`;
    const conditional = e.Status === 'conditional';
    const text = `${String(e.Action).replace(/^sts:AssumeRole/, '') || 'AssumeRole'}${conditional ? ' · conditional' : ''}`;
    const mx = a.x === b.x ? a.x + W + 52 : (x1 + x2) / 2;
    const my = (y1 + y2) / 2 - 6;
    svg.append(
      s(
        'g',
        { class: `edge${conditional ? ' conditional' : ''}` },
        s(
          'title',
          {},
          `${label(e.From)} → ${label(e.To)}: ${e.Action}${conditional ? ` (conditional on ${list(e.ConditionKeys).join(', ')})` : ''}`,
        ),
        s('path', { d, 'marker-end': 'url(#arrow)' }),
        s(
          'text',
          { x: mx, y: my, 'text-anchor': 'middle', class: 'edge-label' },
          text.replace(/^WithWebIdentity/, 'WebIdentity').replace(/^WithSAML/, 'SAML'),
        ),
      ),
    );
  }
  for (const n of nodes) {
    const p = at.get(String(n.Id));
    if (!p) continue;
    const kind = String(n.Kind);
    const href = nodeHref(n);
    const box = s(
      'g',
      { class: `node k-${kind}${String(n.Id) === subject ? ' subject' : ''}`, transform: `translate(${p.x},${p.y})` },
      s('title', {}, `${KIND_TEXT[/** @type {keyof KIND_TEXT} */ (kind)] ?? kind}: ${n.Arn || n.Label}${n.Note ? ` — ${n.Note}` : ''}`),
      s('rect', { width: W, height: H, rx: kind === 'user' ? 22 : kind === 'role' ? 4 : 12 }),
      s('text', { x: 10, y: 17, class: 'node-kind' }, KIND_TEXT[/** @type {keyof KIND_TEXT} */ (kind)] ?? kind),
      s('text', { x: 10, y: 35, class: 'node-label' }, short(String(n.Label), 26)),
    );
    svg.append(href ? s('a', { href, 'aria-label': `${KIND_TEXT[/** @type {keyof KIND_TEXT} */ (kind)] ?? kind} ${n.Label}` }, box) : box);
  }
  return svg;

  /** @param {unknown} id */
  function label(id) {
    return String(nodes.find((n) => n.Id === id)?.Label ?? id);
  }
}

/** The account's roles and users link to their own analysis. @param {any} n */
function nodeHref(n) {
  if (n.AccountId !== current()?.accountId) return undefined;
  if (n.Kind === 'role') return link('access', 'role', String(n.Label));
  if (n.Kind === 'user') return `#/access/principal/${encodeURIComponent(String(n.Arn))}`;
  return undefined;
}

/** @param {string} text @param {number} max */
function short(text, max) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** @param {any} st */
function statementText(st) {
  const policy = st.Policy === 'AssumeRolePolicyDocument' ? '' : ` ${st.Policy}`;
  return `${st.Layer}${policy} statement ${st.StatementIndex}${st.Sid ? ` “${st.Sid}”` : ''}`;
}

/** @param {any[]} paths @param {Map<string, any>} edgeById @param {(id: string) => string} label */
function pathsTable(paths, edgeById, label) {
  return stacked(
    h(
      'table.paths',
      { 'aria-label': 'Paths' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          ['Path', 'Status', 'Allowed by', 'Condition keys'].map((t) => h('th', { scope: 'col' }, t)),
        ),
      ),
      h(
        'tbody',
        null,
        paths.map((p) => {
          const links = list(p.EdgeIds).map((id) => edgeById.get(String(id)));
          const first = links[0];
          return h(
            'tr',
            null,
            h('td', null, [first ? label(first.From) : '', ...links.map((e) => ` → ${label(e.To)}`)].join('')),
            h('td', null, h(`span.badge.${p.Status === 'allowed' ? 'ok' : 'warn'}`, null, String(p.Status))),
            h(
              'td.wrap',
              null,
              links.map((e) =>
                h(
                  'div.link-why',
                  null,
                  h('strong', null, `${label(e.From)} → ${label(e.To)} (${e.Action}): `),
                  [...list(e.TrustStatements), ...list(e.IdentityStatements)].map(statementText).join('; '),
                  list(e.ConditionalDenies).length ? ` — unless denied by ${list(e.ConditionalDenies).map(statementText).join('; ')}` : '',
                  e.Note ? h('div.hint', null, String(e.Note)) : null,
                ),
              ),
            ),
            h('td', null, [...new Set(links.flatMap((e) => list(e.ConditionKeys)))].join(', ') || '—'),
          );
        }),
      ),
    ),
  );
}

/** @param {any[]} nodes @param {string} subject */
function principalsTable(nodes, subject) {
  const rows = nodes.filter((n) => String(n.Id) !== subject);
  return [
    h('h2', null, `Principals (${rows.length})`),
    stacked(
      h(
        'table',
        { 'aria-label': 'Principals' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ['Kind', 'Name', 'ARN', 'Note'].map((t) => h('th', { scope: 'col' }, t)),
          ),
        ),
        h(
          'tbody',
          null,
          rows.map((n) => {
            const href = nodeHref(n);
            return h(
              'tr',
              null,
              h('td', null, KIND_TEXT[/** @type {keyof KIND_TEXT} */ (String(n.Kind))] ?? String(n.Kind)),
              h('td', null, href ? h('a', { href }, String(n.Label)) : String(n.Label)),
              h('td.wrap', null, String(n.Arn || '—')),
              h('td', null, String(n.Note || '—')),
            );
          }),
        ),
      ),
    ),
  ];
}
