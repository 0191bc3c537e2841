// @ts-check
import { h, notice, render } from './dom.js';
import { allRoutes, resolve } from './router.js';
import { current, isSwitched, popRole, signOut, signedInAs, watchExpiry } from './session.js';
import { renderSignIn } from './pages/signin.js';
import './pages/index.js';

/**
 * The console's entry: the sign-in page when no one is signed in, otherwise the shell — a header
 * with who is signed in (and the role switched to, in its colour), the navigation, and the page of
 * the current route. Re-rendered on every route change.
 */
const app = /** @type {HTMLElement} */ (document.getElementById('app'));

function header() {
  const me = signedInAs();
  const now = current();
  if (!me || !now) return null;
  const switched = isSwitched();
  return h(
    'header.top',
    switched && now.color ? { style: `border-bottom-color: ${now.color}` } : null,
    h('a.brand', { href: '#/' }, 'keysmith'),
    h(
      'div.who',
      null,
      switched
        ? h('span.role-badge', { style: now.color ? `background: ${now.color}` : '', title: now.arn }, now.displayName ?? now.arn)
        : null,
      h('span.identity', { title: me.arn }, `${me.userName ?? 'root'} @ ${me.accountId}`),
      switched
        ? h('button.link', { type: 'button', onClick: () => (popRole(), route()) }, `Back to ${me.userName ?? 'root'}`)
        : h('a', { href: '#/switch-role' }, 'Switch role'),
      h('button.link', { type: 'button', onClick: () => signOut() }, 'Sign out'),
    ),
  );
}

function nav() {
  const here = location.hash || '#/';
  return h(
    'nav.side',
    { 'aria-label': 'Console' },
    h(
      'ul',
      null,
      allRoutes()
        .filter((r) => r.nav)
        .map((r) => {
          const href = `#${r.pattern.source
            .replace(/^\^\\?/, '')
            .replace(/\$$/, '')
            .replace(/\\\//g, '/')}`;
          const active = here === href || (href !== '#/' && here.startsWith(`${href}/`));
          return h('li', null, h('a', { href, 'aria-current': active ? 'page' : undefined }, r.nav));
        }),
    ),
  );
}

async function route() {
  if (!current()) {
    renderSignIn(app, () => {
      location.hash = '#/';
      void route();
    });
    return;
  }
  const found = resolve();
  const main = h('main#main', { tabindex: '-1' });
  render(app, header(), h('div.layout', null, nav(), main));
  if (!found) {
    document.title = 'Not found · keysmith';
    render(main, h('h1', null, 'Not found'), notice(`No page at ${location.hash}.`));
    return;
  }
  document.title = `${found.route.title} · keysmith`;
  render(main, h('p.loading', { role: 'status' }, 'Loading…'));
  try {
    await found.route.render(main, found.match);
  } catch (error) {
    const e = /** @type {{ code?: string, message?: string }} */ (error);
    render(main, h('h1', null, found.route.title), notice(e.code ? `${e.code}: ${e.message}` : String(e.message ?? error)));
  }
}

window.addEventListener('hashchange', () => void route());
watchExpiry();
void route();
