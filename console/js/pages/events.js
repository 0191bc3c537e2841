// @ts-check
import { field, h, notice, render, when } from '../dom.js';
import { addRoute } from '../router.js';
import { aws } from '../session.js';
import { stacked } from '../ui/stack.js';

/**
 * Event history, as CloudTrail's console shows it: LookupEvents (cloudtrail:LookupEvents, the
 * caller's account, newest first) filtered by one lookup attribute — user name, event name,
 * resource name or type, event source, access key — and a time range, 50 events a page with
 * "Load more" (NextToken). The error code is no LookupEvents attribute: the console filters the
 * pages it loaded by it, in the browser, and says so. Clicking an event opens its JSON.
 */
const ATTRIBUTES = [
  ['Username', 'User name'],
  ['EventName', 'Event name'],
  ['ResourceName', 'Resource name'],
  ['ResourceType', 'Resource type'],
  ['EventSource', 'Event source'],
  ['AccessKeyId', 'AccessKey ID'],
  ['ReadOnly', 'Read-only (true/false)'],
];
/** Pages read per search when filtering by error code (which LookupEvents cannot do). */
const ERROR_CODE_PAGES = 10;

addRoute({
  pattern: /^\/events$/,
  title: 'Event history',
  nav: 'Event history',
  render(main, match) {
    const q = match.query;
    const attribute = h(
      'select',
      { name: 'attribute' },
      ATTRIBUTES.map(([v, label]) => h('option', { value: v, selected: q.get('attribute') === v }, label)),
    );
    const value = h('input', { name: 'value', value: q.get('value') ?? '' });
    const start = h('input', { type: 'datetime-local', name: 'start' });
    const end = h('input', { type: 'datetime-local', name: 'end' });
    const errorCode = h('input', { name: 'error-code', value: q.get('errorCode') ?? '' });
    const results = h('div.events');
    const status = h('div.status', { role: 'status' });
    /** @type {any[]} */
    let shown = [];
    /** @type {string | undefined} */
    let nextToken;

    const input = () => {
      const v = /** @type {HTMLInputElement} */ (value).value.trim();
      const s = /** @type {HTMLInputElement} */ (start).value;
      const e = /** @type {HTMLInputElement} */ (end).value;
      return {
        ...(v ? { LookupAttributes: [{ AttributeKey: /** @type {HTMLSelectElement} */ (attribute).value, AttributeValue: v }] } : {}),
        ...(s ? { StartTime: Date.parse(`${s}Z`) / 1000 } : {}),
        ...(e ? { EndTime: Date.parse(`${e}Z`) / 1000 } : {}),
        MaxResults: 50,
      };
    };

    // Only the latest search draws: an earlier one still in flight (the first load, when the
    // person searches before it answers) must not mix its events into the newer one's.
    let generation = 0;
    async function load(/** @type {boolean} */ more) {
      const mine = ++generation;
      /** @type {typeof shown} */
      const collected = more ? [...shown] : [];
      let token = more ? nextToken : undefined;
      const code = /** @type {HTMLInputElement} */ (errorCode).value.trim().toLowerCase();
      render(status, h('p.loading', null, 'Loading…'));
      try {
        let pages = 0;
        do {
          const out = await aws.json('cloudtrail', 'CloudTrail_20131101.LookupEvents', {
            ...input(),
            ...(token ? { NextToken: token } : {}),
          });
          if (mine !== generation) return;
          token = out.NextToken || undefined;
          for (const e of out.Events ?? []) {
            const event = parse(e.CloudTrailEvent);
            if (
              code &&
              !String(event.errorCode ?? '')
                .toLowerCase()
                .includes(code)
            )
              continue;
            collected.push({ ...e, event });
          }
          pages += 1;
        } while (code && token && pages < ERROR_CODE_PAGES);
        shown = collected;
        nextToken = token;
        render(status, `${shown.length} event(s)${code ? ` with error code “${code}” in the pages read` : ''}.`);
        draw();
      } catch (error) {
        if (mine !== generation) return;
        const e = /** @type {{ code?: string, message?: string }} */ (error);
        render(status, notice(`${e.code}: ${e.message}`));
      }
    }

    function draw() {
      render(
        results,
        shown.length === 0
          ? h('p', null, 'No events.')
          : stacked(
              h(
                'table',
                { 'aria-label': 'Events' },
                h(
                  'thead',
                  null,
                  h(
                    'tr',
                    null,
                    ['Event name', 'Event time', 'User name', 'Event source', 'Resources', 'Error code'].map((t) =>
                      h('th', { scope: 'col' }, t),
                    ),
                  ),
                ),
                h(
                  'tbody',
                  null,
                  shown.map((e) =>
                    h(
                      'tr',
                      null,
                      h('td', null, h('button.link', { type: 'button', onClick: () => openEvent(e) }, e.EventName)),
                      h('td', null, when(new Date(Number(e.EventTime) * 1000).toISOString())),
                      h('td', null, e.Username ?? '—'),
                      h('td', null, e.EventSource),
                      h(
                        'td.wrap',
                        null,
                        (e.Resources ?? []).map((/** @type {any} */ r) => h('div', null, `${r.ResourceType}: ${r.ResourceName}`)),
                      ),
                      h('td', null, e.event.errorCode ? h('span.badge.bad', null, e.event.errorCode) : '—'),
                    ),
                  ),
                ),
              ),
            ),
        nextToken ? h('button', { type: 'button', onClick: () => void load(true) }, 'Load more') : null,
      );
    }

    render(
      main,
      h('h1', null, 'Event history'),
      h(
        'form.filters',
        {
          'aria-label': 'Filter events',
          onSubmit: (/** @type {Event} */ event) => {
            event.preventDefault();
            void load(false);
          },
        },
        h('div.row', null, field('Lookup attribute', attribute), field('Attribute value', value)),
        h('div.row', null, field('From (UTC)', start), field('To (UTC)', end)),
        field(
          'Error code',
          errorCode,
          'Not a LookupEvents attribute: the console filters the events it loaded (up to 10 pages per search) in the browser.',
        ),
        h('button.primary', { type: 'submit' }, 'Search'),
      ),
      status,
      results,
    );
    void load(false);
  },
});

/** @param {string} text */
function parse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

/** The event's CloudTrail record in a dialog. @param {any} e */
function openEvent(e) {
  const dialog = /** @type {HTMLDialogElement} */ (
    h(
      'dialog.event-json',
      { 'aria-labelledby': 'event-title' },
      h('h2#event-title', null, `${e.EventName} · ${when(new Date(Number(e.EventTime) * 1000).toISOString())}`),
      h('pre', { tabindex: '0', 'aria-label': 'Event JSON' }, JSON.stringify(e.event, null, 2)),
      h('div.toolbar', null, h('button', { type: 'button', onClick: () => dialog.close() }, 'Close')),
    )
  );
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}
