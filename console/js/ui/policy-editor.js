// @ts-check
import { h, render } from '../dom.js';
import { aws } from '../session.js';
import { list } from '../aws/xml.js';
import { asArray } from './iam-kit.js';

/**
 * The policy and trust editor: a JSON textarea checked as you type by keysmith's own validator
 * (keysmith's ValidatePolicy, the findings and messages of `keysmith policy validate`), and a
 * visual summary of what the document allows and denies.
 *
 * How a finding is shown where it is: a `<textarea>` cannot style its text, so a `<pre>` mirror
 * sits exactly behind it (same font, padding and scroll) with the text transparent and the
 * finding's token underlined; a line-numbered gutter beside it marks the lines with findings; and
 * the list of findings below names each line and column, as a button that puts the cursor there.
 * The textarea does not wrap lines, so mirror, gutter and text stay aligned. Validation calls are
 * debounced (a pause of 350 ms) and an answer older than the text on screen is dropped.
 *
 * @typedef {{ Line: number, Column: number, EndLine: number, EndColumn: number }} Pos
 * @typedef {{ severity: 'error' | 'warning', code: string, message: string, detail?: string, field?: string,
 *   suggestedKind?: string, statementIndex?: number, range?: Pos, mark?: Pos }} Finding
 * @typedef {'identity' | 'trust' | 'boundary' | 'resource' | 'session' | 'scp' | 'rcp'} PolicyType
 */

const DEBOUNCE_MS = 350;
let editors = 0;

/** @param {any} p @returns {Pos | undefined} */
function pos(p) {
  if (!p || typeof p !== 'object') return undefined;
  return { Line: Number(p.Line), Column: Number(p.Column), EndLine: Number(p.EndLine), EndColumn: Number(p.EndColumn) };
}

/**
 * Checks a document with keysmith's ValidatePolicy.
 * @param {string} text
 * @param {PolicyType} type
 * @returns {Promise<Finding[]>}
 */
export async function validateDocument(text, type) {
  const out = await aws.query('keysmith', 'ValidatePolicy', { PolicyDocument: text, PolicyType: type });
  return list(out.Findings).map((f) => ({
    severity: f.Severity === 'error' ? 'error' : 'warning',
    code: String(f.Code ?? ''),
    message: String(f.Message ?? ''),
    detail: f.Detail ? String(f.Detail) : undefined,
    field: f.Field ? String(f.Field) : undefined,
    suggestedKind: f.SuggestedKind ? String(f.SuggestedKind) : undefined,
    statementIndex: f.StatementIndex === undefined ? undefined : Number(f.StatementIndex),
    range: pos(f.Range),
    mark: pos(f.Mark),
  }));
}

/**
 * @param {{
 *   label: string,
 *   value?: string,
 *   type?: PolicyType,
 *   readOnly?: boolean,
 *   lines?: number,
 *   onChange?: (text: string) => void,
 * }} o
 */
export function policyEditor(o) {
  const id = `policy-editor-${++editors}`;
  const type = o.type ?? 'identity';
  const lines = o.lines ?? 18;
  const input = /** @type {HTMLTextAreaElement} */ (
    h('textarea.pe-input', {
      id,
      spellcheck: 'false',
      autocapitalize: 'off',
      autocomplete: 'off',
      wrap: 'off',
      'aria-describedby': `${id}-findings`,
      readonly: o.readOnly === true,
    })
  );
  input.value = o.value ?? '';
  const mirror = h('pre.pe-mirror', { 'aria-hidden': 'true' });
  const gutter = h('div.pe-gutter', { 'aria-hidden': 'true' });
  const findingsBox = h('div.pe-findings', { id: `${id}-findings`, role: 'status', 'aria-live': 'polite' });
  const summaryBox = h('div.pe-summary');
  const height = `${lines * 20 + 18}px`;
  const code = h('div.pe-code', { style: `height: ${height}` }, mirror, input);
  gutter.style.height = height;

  /** @type {Finding[]} */
  let findings = [];
  let checked = '';
  let seq = 0;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  /** @type {Promise<Finding[]> | undefined} */
  let pending;

  function lineStarts(/** @type {string} */ text) {
    const out = [0];
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') out.push(i + 1);
    return out;
  }
  const offset = (/** @type {number[]} */ starts, /** @type {number} */ line, /** @type {number} */ column) =>
    Math.min(input.value.length, (starts[line - 1] ?? input.value.length) + column - 1);

  /** The mirror: the text with each finding's token (or, failing that, its first line) underlined. */
  function drawMirror() {
    const text = input.value;
    const starts = lineStarts(text);
    /** @type {{ from: number, to: number, f: Finding }[]} */
    const marks = [];
    for (const f of checked === text ? findings : []) {
      const p = f.mark ?? f.range;
      if (!p) continue;
      const from = offset(starts, p.Line, p.Column);
      // A statement-wide range underlines its first line only; a token, itself.
      const lineEnd = text.indexOf('\n', from) < 0 ? text.length : text.indexOf('\n', from);
      const to = f.mark ? Math.max(from + 1, offset(starts, p.EndLine, p.EndColumn)) : Math.max(from + 1, lineEnd);
      marks.push({ from, to: Math.min(to, Math.max(text.length, from + 1)), f });
    }
    marks.sort((a, b) => a.from - b.from);
    /** @type {(Node | string)[]} */
    const parts = [];
    let at = 0;
    for (const m of marks) {
      if (m.from < at) continue;
      parts.push(text.slice(at, m.from));
      parts.push(h(`mark.pe-${m.f.severity}`, null, text.slice(m.from, m.to) || ' '));
      at = m.to;
    }
    parts.push(text.slice(at));
    // A trailing newline needs a character after it to take its height.
    render(mirror, parts, '\n ');

    const count = starts.length;
    /** @type {Map<number, Finding[]>} */
    const byLine = new Map();
    for (const f of checked === text ? findings : []) {
      const p = f.mark ?? f.range;
      if (!p) continue;
      byLine.set(p.Line, [...(byLine.get(p.Line) ?? []), f]);
    }
    render(
      gutter,
      h(
        'div.pe-lines',
        null,
        Array.from({ length: count }, (_, i) => {
          const here = byLine.get(i + 1);
          const worst = here?.some((f) => f.severity === 'error') ? 'error' : here ? 'warning' : '';
          return h(
            `div.pe-line${worst ? `.pe-${worst}` : ''}`,
            here ? { title: here.map((f) => f.message).join('\n') } : null,
            worst === 'error' ? '✖ ' : worst === 'warning' ? '▲ ' : '',
            String(i + 1),
          );
        }),
      ),
    );
    syncScroll();
  }

  function syncScroll() {
    mirror.scrollTop = input.scrollTop;
    mirror.scrollLeft = input.scrollLeft;
    const inner = /** @type {HTMLElement | null} */ (gutter.firstElementChild);
    if (inner) inner.style.transform = `translateY(${-input.scrollTop}px)`;
  }

  /** Puts the cursor on a finding's token and scrolls it into view. @param {Finding} f */
  function reveal(f) {
    const p = f.mark ?? f.range;
    if (!p) return;
    const starts = lineStarts(input.value);
    const from = offset(starts, p.Line, p.Column);
    const to = f.mark ? offset(starts, p.EndLine, p.EndColumn) : from;
    input.focus();
    input.setSelectionRange(from, to);
    input.scrollTop = Math.max(0, (p.Line - 3) * 20);
    syncScroll();
  }

  /** @param {string} [problem] */
  function drawFindings(problem) {
    if (problem) {
      render(findingsBox, h('p.hint', null, problem));
      return;
    }
    if (checked !== input.value) {
      render(findingsBox, h('p.hint', null, 'Checking…'));
      return;
    }
    if (findings.length === 0) {
      render(findingsBox, h('p.pe-ok', null, '✓ No findings: keysmith accepts this policy.'));
      return;
    }
    const errors = findings.filter((f) => f.severity === 'error').length;
    const warnings = findings.length - errors;
    const suggested = findings.find((f) => f.severity === 'error' && f.suggestedKind)?.suggestedKind;
    render(
      findingsBox,
      h(
        'p.pe-count',
        null,
        `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,
        errors ? ' — the policy cannot be saved until the errors are fixed.' : '',
      ),
      h(
        'ul.pe-list',
        { 'aria-label': 'Policy findings' },
        findings.map((f) => {
          const p = f.mark ?? f.range;
          const where = p ? `Line ${p.Line}, column ${p.Column}` : 'Document';
          const about = [f.statementIndex !== undefined ? `statement ${f.statementIndex}` : undefined, f.field].filter(Boolean).join(', ');
          return h(
            `li.pe-${f.severity}`,
            null,
            p ? h('button.link', { type: 'button', onClick: () => reveal(f) }, where) : h('span', null, where),
            h('span.pe-sev', null, f.severity === 'error' ? ' Error' : ' Warning'),
            ': ',
            f.message,
            about ? h('span.hint', null, ` (${about})`) : null,
            f.detail ? h('span.pe-detail', null, ` ${f.detail}`) : null,
          );
        }),
      ),
      suggested ? h('p.hint', null, `This looks like a ${suggested} policy rather than a ${type} policy.`) : null,
    );
  }

  /** Validates now (cancels a pending debounce); resolves to the findings of the current text. */
  async function validate() {
    clearTimeout(timer);
    const text = input.value;
    if (text === checked) return findings;
    if (text.trim() === '') {
      findings = [];
      checked = text;
      drawFindings('Enter a policy document (JSON).');
      drawMirror();
      return findings;
    }
    const mine = ++seq;
    drawFindings();
    pending = validateDocument(text, type);
    try {
      const answer = await pending;
      if (mine === seq) {
        findings = answer;
        checked = text;
        drawFindings();
        drawMirror();
      }
      return answer;
    } catch (error) {
      const e = /** @type {{ code?: string, message?: string }} */ (error);
      if (mine === seq) drawFindings(`Validation is unavailable: ${e.code ?? ''} ${e.message ?? ''}`.trim());
      return [];
    }
  }

  input.addEventListener('input', () => {
    drawMirror();
    drawFindings();
    drawSummary();
    o.onChange?.(input.value);
    clearTimeout(timer);
    timer = setTimeout(() => void validate(), DEBOUNCE_MS);
  });
  input.addEventListener('scroll', syncScroll);

  function drawSummary() {
    render(summaryBox, policySummary(input.value));
  }

  function format() {
    try {
      input.value = JSON.stringify(JSON.parse(input.value), null, 2);
      input.dispatchEvent(new Event('input'));
    } catch {
      // Not JSON yet: the findings already say where.
    }
  }

  drawMirror();
  drawSummary();
  void validate();

  const element = h(
    'div.policy-editor',
    null,
    h(
      'div.pe-head',
      null,
      h('label', { for: id }, o.label),
      o.readOnly ? null : h('button', { type: 'button', onClick: format }, 'Format JSON'),
    ),
    h('div.pe-body', null, gutter, code),
    findingsBox,
    h('details.pe-summary-box', { open: true }, h('summary', null, 'Visual summary'), summaryBox),
  );
  return {
    element,
    /** The document as typed. */
    value: () => input.value,
    /** @param {string} text */
    setValue(text) {
      input.value = text;
      input.dispatchEvent(new Event('input'));
    },
    validate,
    /** Whether the current text has error findings (validates first). */
    async hasErrors() {
      return (await validate()).some((f) => f.severity === 'error');
    },
    textarea: input,
  };
}

/**
 * What a policy says, statement by statement: Allow or Deny, the principals, the actions grouped
 * by service, the resources, the conditions. Read from the JSON as it is; a document that is not
 * JSON yet has no summary.
 * @param {string} text
 * @returns {HTMLElement}
 */
export function policySummary(text) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch {
    return h('p.hint', null, 'The summary appears when the document is valid JSON.');
  }
  const statements = [doc?.Statement ?? []].flat().filter((s) => s && typeof s === 'object');
  if (statements.length === 0) return h('p.hint', null, 'No statements.');
  const hasPrincipal = statements.some((s) => s.Principal !== undefined || s.NotPrincipal !== undefined);
  return h(
    'div.table-wrap',
    null,
    h(
      'table.pe-summary-table',
      { 'aria-label': 'Policy summary' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, 'Statement'),
          h('th', { scope: 'col' }, 'Effect'),
          hasPrincipal ? h('th', { scope: 'col' }, 'Principal') : null,
          h('th', { scope: 'col' }, 'Actions by service'),
          h('th', { scope: 'col' }, 'Resources'),
          h('th', { scope: 'col' }, 'Conditions'),
        ),
      ),
      h(
        'tbody',
        null,
        statements.map((s, i) =>
          h(
            'tr',
            null,
            h('td', null, s.Sid ? String(s.Sid) : `#${i}`),
            h('td', null, h(`span.effect.${s.Effect === 'Deny' ? 'deny' : 'allow'}`, null, String(s.Effect ?? '?'))),
            hasPrincipal ? h('td', null, principals(s)) : null,
            h('td', null, actions(s)),
            h('td', null, resources(s)),
            h('td', null, conditions(s.Condition)),
          ),
        ),
      ),
    ),
  );
}

/** @param {any} s */
function principals(s) {
  const p = s.Principal ?? s.NotPrincipal;
  const prefix = s.NotPrincipal !== undefined ? 'Everyone except: ' : '';
  if (p === '*') return `${prefix}Anyone (*)`;
  if (!p || typeof p !== 'object') return '—';
  return h(
    'ul.plain',
    null,
    Object.entries(p).flatMap(([kind, v]) =>
      asArray(v).map((x) => h('li', null, h('span.hint', null, `${prefix}${kind}: `), h('code', null, x))),
    ),
  );
}

/** @param {any} s */
function actions(s) {
  const not = s.NotAction !== undefined;
  const names = asArray(s.Action ?? s.NotAction);
  if (names.length === 0) return '—';
  if (!not && names.includes('*')) return h('strong', null, 'All actions (*)');
  /** @type {Map<string, string[]>} */
  const byService = new Map();
  for (const a of names) {
    const i = a.indexOf(':');
    const service = i < 0 ? a : a.slice(0, i);
    byService.set(service, [...(byService.get(service) ?? []), i < 0 ? '' : a.slice(i + 1)]);
  }
  return h(
    'div',
    null,
    not ? h('p.hint', null, 'All actions except:') : null,
    h(
      'ul.plain',
      null,
      [...byService].map(([service, list]) =>
        h('li', null, h('strong', null, service), ': ', list.includes('*') ? 'all actions' : list.filter(Boolean).join(', ')),
      ),
    ),
  );
}

/** @param {any} s */
function resources(s) {
  const not = s.NotResource !== undefined;
  const list = asArray(s.Resource ?? s.NotResource);
  if (list.length === 0) return '—';
  return h(
    'div',
    null,
    not ? h('p.hint', null, 'All resources except:') : null,
    h(
      'ul.plain',
      null,
      list.map((r) => h('li', null, r === '*' ? h('strong', null, 'All resources (*)') : h('code', null, r))),
    ),
  );
}

/** @param {any} c */
function conditions(c) {
  if (!c || typeof c !== 'object' || Object.keys(c).length === 0) return '—';
  return h(
    'ul.plain',
    null,
    Object.entries(c).flatMap(([operator, block]) =>
      block && typeof block === 'object'
        ? Object.entries(block).map(([key, values]) =>
            h(
              'li',
              null,
              h('code', null, key),
              ` ${operator} `,
              asArray(values).map((v, i) => [i ? ', ' : '', h('code', null, v)]),
            ),
          )
        : [],
    ),
  );
}
