// @ts-check
/**
 * Hash routes (`#/roles/MyRole`): the console is one page, so every view has a URL that can be
 * bookmarked, reloaded and opened in a new tab. A route is a pattern and a page's render function.
 *
 * @typedef {{ params: string[], query: URLSearchParams }} RouteMatch
 * @typedef {{ pattern: RegExp, title: string, nav?: string, render: (main: HTMLElement, match: RouteMatch) => Promise<void> | void }} Route
 */

/** @type {Route[]} */
const routes = [];

/** @param {Route} route */
export function addRoute(route) {
  routes.push(route);
}

/** The current route and its parameters (decoded), or undefined. */
export function resolve() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, search] = raw.split('?');
  for (const route of routes) {
    const m = route.pattern.exec(path ?? '/');
    if (m)
      return { route, match: { params: m.slice(1).map((p) => decodeURIComponent(p ?? '')), query: new URLSearchParams(search ?? '') } };
  }
  return undefined;
}

/** @param {string} path e.g. `/roles/MyRole` */
export function go(path) {
  location.hash = `#${path}`;
}

/** `#/roles/<name>` with the name encoded. @param {...string} parts */
export function link(...parts) {
  return `#/${parts.map((p, i) => (i === 0 ? p : encodeURIComponent(p))).join('/')}`;
}

export function allRoutes() {
  return routes;
}
