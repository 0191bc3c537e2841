// @ts-check
import { field, h, notice, render } from '../dom.js';
import { addRoute } from '../router.js';
import { aws } from '../session.js';
import { list } from '../aws/xml.js';

/**
 * The policy simulator, as AWS's: a principal of the account (SimulatePrincipalPolicy: its own
 * policies, its groups', its boundary) or policies pasted in (SimulateCustomPolicy: identity,
 * boundary, resource policy), actions, resources and context keys; each decision with IAM's
 * answer (MatchedStatements, EvalDecisionDetails, MissingContextValues) and, since that answer
 * does not say which layer decided or why, the explanation `keysmith policy simulate --explain`
 * gives, from keysmith's ExplainPolicySimulation (the same input, the same engine).
 */
const TYPES = [
  'string',
  'stringList',
  'numeric',
  'numericList',
  'boolean',
  'booleanList',
  'ip',
  'ipList',
  'binary',
  'binaryList',
  'date',
  'dateList',
];
const DECISION_TEXT = { allowed: 'Allowed', explicitDeny: 'Denied (explicit deny)', implicitDeny: 'Denied (implicit deny)' };
const LAYER_TEXT = {
  identity: 'identity-based policy',
  boundary: 'permissions boundary',
  resource: 'resource-based policy',
  trust: 'trust policy',
  session: 'session policy',
  scp: 'service control policy',
  rcp: 'resource control policy',
  root: 'root user',
  exempt: 'needs no authorization',
};

addRoute({
  pattern: /^\/simulator$/,
  title: 'Policy simulator',
  nav: 'Policy simulator',
  async render(main, match) {
    const [users, roles] = await Promise.all([
      aws.query('iam', 'ListUsers', { MaxItems: 1000 }),
      aws.query('iam', 'ListRoles', { MaxItems: 1000 }),
    ]);
    const principals = [
      ...list(users.Users).map((u) => ({ arn: String(u.Arn), label: `User: ${u.UserName}` })),
      ...list(roles.Roles).map((r) => ({ arn: String(r.Arn), label: `Role: ${r.RoleName}` })),
    ];
    let mode = match.query.get('mode') === 'custom' ? 'custom' : 'principal';
    const principal = h(
      'select',
      { name: 'principal' },
      principals.map((p) => h('option', { value: p.arn, selected: p.arn === match.query.get('principal') }, p.label)),
    );
    const identity = h('textarea', { name: 'identity-policy', rows: '8', spellcheck: 'false' });
    const boundary = h('textarea', { name: 'boundary-policy', rows: '6', spellcheck: 'false' });
    const resourcePolicy = h('textarea', { name: 'resource-policy', rows: '6', spellcheck: 'false' });
    const caller = h('input', { name: 'caller-arn' });
    const actions = h('textarea.short', { name: 'actions', rows: '3', spellcheck: 'false' });
    const resources = h('textarea.short', { name: 'resources', rows: '2', spellcheck: 'false' }, '*');
    /** @type {{ key: HTMLInputElement, type: HTMLSelectElement, values: HTMLInputElement, row: HTMLElement }[]} */
    const contextRows = [];
    const contextBox = h('div.context-rows');
    const results = h('div.sim-results', { 'aria-live': 'polite' });
    const modeBox = h('div');

    function addContextRow() {
      const n = contextRows.length + 1;
      const key = /** @type {HTMLInputElement} */ (
        h('input', { 'aria-label': `Context key ${n} name`, placeholder: 'aws:MultiFactorAuthPresent' })
      );
      const type = /** @type {HTMLSelectElement} */ (
        h(
          'select',
          { 'aria-label': `Context key ${n} type` },
          TYPES.map((t) => h('option', { value: t }, t)),
        )
      );
      const values = /** @type {HTMLInputElement} */ (
        h('input', { 'aria-label': `Context key ${n} values`, placeholder: 'value, value…' })
      );
      const entry = { key, type, values, row: h('div') };
      entry.row = h(
        'div.context-row',
        null,
        key,
        type,
        values,
        h(
          'button',
          {
            type: 'button',
            'aria-label': `Remove context key ${n}`,
            onClick: () => {
              contextRows.splice(contextRows.indexOf(entry), 1);
              entry.row.remove();
            },
          },
          'Remove',
        ),
      );
      contextRows.push(entry);
      contextBox.append(entry.row);
      key.focus();
    }

    function drawMode() {
      render(
        modeBox,
        mode === 'principal'
          ? field('Principal', principal, 'Its identity policies (with its groups’) and permissions boundary are simulated.')
          : [
              field('Identity policy', identity, 'JSON; the policies a principal would have.'),
              field('Permissions boundary (optional)', boundary),
            ],
        field('Resource policy (optional)', resourcePolicy, 'A bucket policy, or a role trust policy for sts:AssumeRole.'),
        field('Caller ARN (optional)', caller, 'An IAM user ARN; needed with a resource policy unless the principal is a user.'),
      );
    }

    const radios = h(
      'fieldset.modes',
      null,
      h('legend', null, 'What to simulate'),
      [
        ['principal', 'A user or role of this account'],
        ['custom', 'Policies I paste'],
      ].map(([value, label]) =>
        h(
          'label.radio',
          null,
          h('input', {
            type: 'radio',
            name: 'mode',
            value,
            checked: mode === value,
            onChange: () => {
              mode = value ?? 'principal';
              drawMode();
            },
          }),
          ` ${label}`,
        ),
      ),
    );

    const split = (/** @type {HTMLElement} */ el) =>
      /** @type {HTMLTextAreaElement} */ (el).value
        .split(/[\n,]+/)
        .map((s) => s.trim())
        .filter(Boolean);
    const textOf = (/** @type {HTMLElement} */ el) => /** @type {HTMLTextAreaElement} */ (el).value.trim();

    async function run(/** @type {Event} */ event) {
      event.preventDefault();
      /** @type {Record<string, unknown>} */
      const params = {
        ActionNames: split(actions),
        ResourceArns: split(resources).length ? split(resources) : undefined,
        ResourcePolicy: textOf(resourcePolicy) || undefined,
        CallerArn: textOf(caller) || undefined,
        ContextEntries: contextRows
          .filter((r) => r.key.value.trim())
          .map((r) => ({
            ContextKeyName: r.key.value.trim(),
            ContextKeyType: r.type.value,
            ContextKeyValues: r.values.value
              .split(',')
              .map((v) => v.trim())
              .filter(Boolean),
          })),
      };
      if (mode === 'principal') params.PolicySourceArn = /** @type {HTMLSelectElement} */ (principal).value;
      else {
        params.PolicyInputList = [textOf(identity)];
        if (textOf(boundary)) params.PermissionsBoundaryPolicyInputList = [textOf(boundary)];
      }
      if (params.ContextEntries && /** @type {unknown[]} */ (params.ContextEntries).length === 0) delete params.ContextEntries;
      render(results, h('p.loading', { role: 'status' }, 'Simulating…'));
      try {
        const [iam, explained] = await Promise.all([
          aws.query('iam', mode === 'principal' ? 'SimulatePrincipalPolicy' : 'SimulateCustomPolicy', { ...params, MaxItems: 1000 }),
          aws.query('keysmith', 'ExplainPolicySimulation', params),
        ]);
        const explanations = list(explained.Explanations);
        render(
          results,
          h('h2', null, 'Results'),
          list(iam.EvaluationResults).map((r, i) => resultCard(r, explanations[i])),
        );
      } catch (error) {
        const e = /** @type {{ code?: string, message?: string }} */ (error);
        render(results, notice(`${e.code}: ${e.message}`));
      }
    }

    drawMode();
    render(
      main,
      h('h1', null, 'Policy simulator'),
      h(
        'form.simulator',
        { 'aria-label': 'Simulate', onSubmit: run },
        radios,
        modeBox,
        field('Actions', actions, 'One per line or separated by commas, e.g. s3:GetObject, iam:CreateUser.'),
        field('Resources', resources, 'ARNs, one per line; * for all.'),
        h(
          'fieldset',
          null,
          h('legend', null, 'Context keys'),
          contextBox,
          h('button', { type: 'button', onClick: addContextRow }, 'Add context key'),
        ),
        h('button.primary', { type: 'submit' }, 'Run simulation'),
      ),
      results,
    );
  },
});

/** One decision: IAM's answer and keysmith's explanation. @param {any} r @param {any} x */
function resultCard(r, x) {
  const decision = String(r.EvalDecision);
  const layer = x ? String(x.Layer) : '';
  const matched = list(r.MatchedStatements);
  const details = r.EvalDecisionDetails && typeof r.EvalDecisionDetails === 'object' ? Object.entries(r.EvalDecisionDetails) : [];
  const missing = list(r.MissingContextValues).concat(...list(r.ResourceSpecificResults).map((s) => list(s.MissingContextValues)));
  return h(
    'article.sim-result',
    { 'aria-label': `${r.EvalActionName} on ${r.EvalResourceName}` },
    h(
      'h3',
      null,
      h(
        `span.badge.${decision === 'allowed' ? 'ok' : 'bad'}`,
        null,
        DECISION_TEXT[/** @type {keyof DECISION_TEXT} */ (decision)] ?? decision,
      ),
      ` ${r.EvalActionName} on ${r.EvalResourceName}`,
    ),
    x
      ? h(
          'p.decided-by',
          null,
          `Decided by: ${LAYER_TEXT[/** @type {keyof LAYER_TEXT} */ (layer)] ?? layer}`,
          x.Reason ? ` — ${x.Reason}` : '',
        )
      : null,
    h('h4', null, decision === 'explicitDeny' ? 'Denying statements' : 'Matched statements'),
    x && list(x.MatchedStatements).length
      ? h(
          'ul.statements',
          null,
          list(x.MatchedStatements).map((s) =>
            h('li', null, `${s.Effect} · ${s.Layer} · ${s.SourcePolicyId} statement ${s.StatementIndex}${s.Sid ? ` “${s.Sid}”` : ''}`),
          ),
        )
      : h('p', null, 'None.'),
    matched.length
      ? h(
          'p.hint',
          null,
          'IAM’s MatchedStatements: ',
          matched
            .map(
              (m) =>
                `${m.SourcePolicyId} (${m.SourcePolicyType}${m.StartPosition ? `, line ${m.StartPosition.Line} column ${m.StartPosition.Column}` : ''})`,
            )
            .join('; '),
        )
      : null,
    details.length ? h('p.hint', null, 'EvalDecisionDetails: ', details.map(([k, v]) => `${k}: ${v}`).join('; ')) : null,
    missing.length ? h('p', null, h('strong', null, 'Missing context values: '), missing.join(', ')) : null,
    x
      ? h(
          'details',
          null,
          h('summary', null, 'How the decision was reached'),
          h(
            'ol',
            null,
            list(x.Steps).map((s) => h('li', null, s)),
          ),
          list(x.NotApplying).length
            ? [
                h('h4', null, 'Statements that did not apply'),
                h(
                  'ul',
                  null,
                  list(x.NotApplying).map((s) =>
                    h(
                      'li',
                      null,
                      `${s.SourcePolicyId} statement ${s.StatementIndex}${s.Sid ? ` “${s.Sid}”` : ''} (${s.Effect}): ${
                        s.Outcome === 'condition' ? `condition ${s.FailedCondition} is false` : `${s.Outcome} does not match`
                      }`,
                    ),
                  ),
                ),
              ]
            : null,
        )
      : null,
  );
}
