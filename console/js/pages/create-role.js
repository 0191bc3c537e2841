// @ts-check
import { field, h, notice, render } from '../dom.js';
import { addRoute, go, link } from '../router.js';
import { aws, current } from '../session.js';
import { list } from '../aws/xml.js';
import { policyEditor } from '../ui/policy-editor.js';
import { policyNameOf, policyPicker } from '../ui/policy-picker.js';
import { duration, running, tagEditor, val } from '../ui/iam-kit.js';
import { SERVICE_PRINCIPALS } from './service-principals.js';

/**
 * The create-role wizard, as AWS's console: 1. the trusted entity (an AWS account — this one or
 * another, with an external id and MFA as options —, an AWS service, a web identity, SAML 2.0
 * federation, or a custom trust policy), 2. permissions (managed policies, a boundary), 3. name,
 * description, path, tags and maximum session duration, 4. review — the trust policy the choices
 * make, shown before CreateRole. Back and Next keep what was entered (one state object per visit).
 *
 * @typedef {'account' | 'service' | 'web' | 'saml' | 'custom'} EntityType
 */

/** Web identity providers AWS's console offers without an IAM OIDC provider, and their audience key. */
const WELL_KNOWN = [
  {
    id: 'cognito-identity.amazonaws.com',
    label: 'Amazon Cognito',
    key: 'cognito-identity.amazonaws.com:aud',
    audience: 'Identity pool ID',
  },
  { id: 'www.amazon.com', label: 'Login with Amazon', key: 'www.amazon.com:app_id', audience: 'Application ID' },
  { id: 'graph.facebook.com', label: 'Facebook', key: 'graph.facebook.com:app_id', audience: 'Application ID' },
  { id: 'accounts.google.com', label: 'Google', key: 'accounts.google.com:aud', audience: 'Audience (client ID)' },
];
const GITHUB = 'token.actions.githubusercontent.com';
const SAML_CONSOLE_AUDIENCE = 'https://signin.aws.amazon.com/saml';
const STEPS = ['Trusted entity', 'Permissions', 'Name and details', 'Review and create'];

addRoute({
  pattern: /^\/roles\/create$/,
  title: 'Create role',
  render(main) {
    const me = current();
    const accountId = me?.accountId ?? '';
    const state = {
      step: 0,
      /** @type {EntityType} */
      entity: 'account',
      account: { which: 'this', otherId: '', requireExternalId: false, externalId: '', requireMfa: false },
      service: { key: '', principal: '', actions: ['sts:AssumeRole'], search: '' },
      web: { provider: '', audience: '', org: '', repo: '', branch: '' },
      saml: { provider: '', access: 'console', attribute: 'SAML:sub', value: '' },
      custom: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'sts:AssumeRole' }],
        },
        null,
        2,
      ),
      /** @type {Set<string>} */
      policies: new Set(),
      boundary: '',
      name: '',
      description: '',
      path: '/',
      /** @type {{ Key: string, Value: string }[]} */
      tags: [],
      maxSession: 3600,
    };
    /** Lists fetched once per visit. @type {{ oidc?: string[], saml?: any[] }} */
    const cache = {};
    const status = h('div.status');
    const body = h('div.wizard-step');
    /** What the current step must check before Next, and store in `state`. @type {() => Promise<string | undefined> | string | undefined} */
    let leave = () => undefined;

    function trustPolicy() {
      /** @type {any} */
      let statement;
      if (state.entity === 'account') {
        const id = state.account.which === 'this' ? accountId : state.account.otherId;
        /** @type {Record<string, Record<string, string>>} */
        const condition = {};
        if (state.account.requireExternalId) condition.StringEquals = { 'sts:ExternalId': state.account.externalId };
        if (state.account.requireMfa) condition.Bool = { 'aws:MultiFactorAuthPresent': 'true' };
        statement = { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${id}:root` }, Action: 'sts:AssumeRole' };
        if (Object.keys(condition).length) statement.Condition = condition;
      } else if (state.entity === 'service') {
        const actions = state.service.actions;
        statement = {
          Effect: 'Allow',
          Principal: { Service: state.service.principal },
          Action: actions.length === 1 ? actions[0] : actions,
        };
      } else if (state.entity === 'web') {
        const known = WELL_KNOWN.find((w) => w.id === state.web.provider);
        const host = known ? known.id : state.web.provider.replace(/^arn:[^:]+:iam::\d{12}:oidc-provider\//, '');
        /** @type {Record<string, Record<string, string>>} */
        const condition = { StringEquals: { [known ? known.key : `${host}:aud`]: state.web.audience } };
        if (host === GITHUB && state.web.org) {
          const repo = state.web.repo || '*';
          const sub = state.web.branch
            ? `repo:${state.web.org}/${repo}:ref:refs/heads/${state.web.branch}`
            : `repo:${state.web.org}/${repo}:*`;
          if (/[*?]/.test(sub)) condition.StringLike = { [`${host}:sub`]: sub };
          else condition.StringEquals[`${host}:sub`] = sub;
        }
        statement = {
          Effect: 'Allow',
          Principal: { Federated: state.web.provider },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: condition,
        };
      } else if (state.entity === 'saml') {
        statement = { Effect: 'Allow', Principal: { Federated: state.saml.provider }, Action: 'sts:AssumeRoleWithSAML' };
        if (state.saml.access === 'console') statement.Condition = { StringEquals: { 'SAML:aud': SAML_CONSOLE_AUDIENCE } };
        else if (state.saml.value) statement.Condition = { StringEquals: { [state.saml.attribute]: state.saml.value } };
      } else {
        return state.custom;
      }
      return JSON.stringify({ Version: '2012-10-17', Statement: [statement] }, null, 2);
    }

    async function draw() {
      render(status);
      leave = () => undefined;
      // Back, Next and Create wait until the step has loaded: a click while it loads moved on, and
      // the loading step's late rendering (and its check before Next) then replaced the new step's.
      const nav = [
        state.step > 0 ? h('button', { type: 'button', disabled: true, onClick: () => void move(-1) }, 'Back') : null,
        state.step < STEPS.length - 1
          ? h('button.primary', { type: 'button', disabled: true, onClick: () => void move(1) }, 'Next')
          : h('button.primary', { type: 'button', disabled: true, onClick: () => void running(status, create) }, 'Create role'),
      ];
      render(
        main,
        h('p.crumbs', null, h('a', { href: '#/roles' }, 'Roles'), ' › Create role'),
        h('h1', null, 'Create role'),
        h(
          'ol.steps',
          { 'aria-label': 'Steps' },
          STEPS.map((s, i) =>
            h('li', { 'aria-current': i === state.step ? 'step' : undefined, class: i < state.step ? 'done' : '' }, `Step ${i + 1}: ${s}`),
          ),
        ),
        h('h2', null, STEPS[state.step]),
        body,
        status,
        h('div.toolbar.wizard-nav', null, h('a.button', { href: '#/roles' }, 'Cancel'), ...nav),
      );
      render(body, h('p.loading', { role: 'status' }, 'Loading…'));
      try {
        await running(status, async () => {
          if (state.step === 0) await stepEntity();
          else if (state.step === 1) await stepPermissions();
          else if (state.step === 2) stepDetails();
          else stepReview();
        });
      } finally {
        for (const button of nav) if (button) /** @type {HTMLButtonElement} */ (button).disabled = false;
      }
      const heading = main.querySelector('h2');
      if (heading instanceof HTMLElement) {
        heading.tabIndex = -1;
        heading.focus();
      }
    }

    /** @param {number} delta */
    async function move(delta) {
      const problem = delta > 0 ? await leave() : (await leave(), undefined);
      if (problem) {
        render(status, notice(problem));
        return;
      }
      state.step += delta;
      await draw();
    }

    // Step 1 -------------------------------------------------------------------------------
    async function stepEntity() {
      const options = h('div.entity-options');
      const types = /** @type {[EntityType, string, string][]} */ ([
        ['account', 'AWS account', 'Users and roles of this or another AWS account.'],
        ['service', 'AWS service', 'A service such as EC2 or Lambda acts with the role.'],
        ['web', 'Web identity', 'Users signed in with an OpenID Connect provider (GitHub Actions, Google, Cognito…).'],
        ['saml', 'SAML 2.0 federation', 'Users of your SAML identity provider.'],
        ['custom', 'Custom trust policy', 'Write the trust policy yourself.'],
      ]);
      /** @type {{ check: () => Promise<string | undefined> | string | undefined }} */
      const chosen = { check: () => undefined };
      const drawOptions = async () => {
        render(options, h('p.loading', null, 'Loading…'));
        if (state.entity === 'account') chosen.check = accountOptions(options);
        else if (state.entity === 'service') chosen.check = serviceOptions(options);
        else if (state.entity === 'web') chosen.check = await webOptions(options);
        else if (state.entity === 'saml') chosen.check = await samlOptions(options);
        else chosen.check = customOptions(options);
      };
      render(
        body,
        h(
          'fieldset.choices',
          null,
          h('legend', null, 'Trusted entity type'),
          types.map(([value, label, hint]) => {
            const radio = h('input', { type: 'radio', name: 'entity', value, checked: state.entity === value });
            radio.addEventListener('change', () => {
              state.entity = value;
              void running(status, drawOptions);
            });
            return h('label.choice', null, radio, h('span', null, h('strong', null, label), h('span.hint', null, hint)));
          }),
        ),
        options,
      );
      await drawOptions();
      leave = () => chosen.check();
    }

    /** @param {HTMLElement} box */
    function accountOptions(box) {
      const a = state.account;
      const other = h('input', { value: a.otherId, inputmode: 'numeric', maxlength: '12', disabled: a.which !== 'other' });
      other.addEventListener('input', () => (a.otherId = val(other)));
      const radio = (/** @type {'this' | 'other'} */ which, /** @type {string} */ label) => {
        const r = h('input', { type: 'radio', name: 'which-account', value: which, checked: a.which === which });
        r.addEventListener('change', () => {
          a.which = which;
          /** @type {HTMLInputElement} */ (other).disabled = which !== 'other';
          if (which === 'other') other.focus();
        });
        return h('label.choice', null, r, label);
      };
      const ext = h('input', { type: 'checkbox', checked: a.requireExternalId });
      const extValue = h('input', { value: a.externalId, maxlength: '1224', disabled: !a.requireExternalId });
      ext.addEventListener('change', () => {
        a.requireExternalId = /** @type {HTMLInputElement} */ (ext).checked;
        /** @type {HTMLInputElement} */ (extValue).disabled = !a.requireExternalId;
        if (a.requireExternalId) extValue.focus();
      });
      extValue.addEventListener('input', () => (a.externalId = val(extValue)));
      const mfa = h('input', { type: 'checkbox', checked: a.requireMfa });
      mfa.addEventListener('change', () => (a.requireMfa = /** @type {HTMLInputElement} */ (mfa).checked));
      render(
        box,
        h(
          'fieldset.choices',
          null,
          h('legend', null, 'An AWS account'),
          radio('this', `This account (${accountId})`),
          radio('other', 'Another AWS account'),
          field('Account ID', other, 'The 12-digit id of the account whose users and roles may assume this role.'),
        ),
        h(
          'fieldset.choices',
          null,
          h('legend', null, 'Options'),
          h('label.choice', null, ext, 'Require external ID (best practice when a third party will assume this role)'),
          field('External ID', extValue, 'The caller must pass it to AssumeRole (sts:ExternalId).'),
          h('label.choice', null, mfa, 'Require MFA (aws:MultiFactorAuthPresent)'),
        ),
      );
      return () => {
        if (a.which === 'other' && !/^\d{12}$/.test(a.otherId)) return 'Enter the other account’s 12-digit ID.';
        if (a.requireExternalId && a.externalId.length < 2) return 'Enter an external ID (2 to 1224 characters).';
        return undefined;
      };
    }

    /** @param {HTMLElement} box */
    function serviceOptions(box) {
      const s = state.service;
      const search = h('input', {
        type: 'search',
        value: s.search,
        'aria-label': 'Search services',
        placeholder: 'Search services and use cases',
      });
      const listBox = h('div.service-list', { role: 'radiogroup', 'aria-label': 'Service or use case' });
      const drawList = () => {
        const q = s.search.toLowerCase();
        const shown = SERVICE_PRINCIPALS.filter((p) => !q || `${p.name} ${p.principal} ${p.useCases.join(' ')}`.toLowerCase().includes(q));
        render(
          listBox,
          shown.length === 0 ? h('p', null, 'No service matches.') : null,
          shown.map((p) => {
            const key = `${p.name}|${p.principal}`;
            const r = h('input', { type: 'radio', name: 'service', value: key, checked: s.key === key });
            r.addEventListener('change', () => {
              s.key = key;
              s.principal = p.principal;
              s.actions = p.actions ?? ['sts:AssumeRole'];
            });
            return h(
              'label.choice',
              null,
              r,
              h('span', null, h('strong', null, p.name), ' ', h('code', null, p.principal), h('span.hint', null, p.useCases.join(' '))),
            );
          }),
        );
      };
      search.addEventListener('input', () => {
        s.search = val(search);
        drawList();
      });
      drawList();
      render(box, h('div.toolbar', null, search), listBox);
      return () => (s.principal ? undefined : 'Choose the service that will use the role.');
    }

    /** @param {HTMLElement} box */
    async function webOptions(box) {
      const w = state.web;
      cache.oidc ??= list((await aws.query('iam', 'ListOpenIDConnectProviders')).OpenIDConnectProviderList).map((p) => String(p.Arn));
      const providers = cache.oidc;
      const githubArn = providers.find((arn) => arn.endsWith(`/${GITHUB}`));
      const select = h(
        'select',
        null,
        h('option', { value: '' }, 'Choose a provider'),
        providers.length
          ? h(
              'optgroup',
              { label: 'This account’s OpenID Connect providers' },
              providers.map((arn) => h('option', { value: arn, selected: w.provider === arn }, arn.replace(/^.*:oidc-provider\//, ''))),
            )
          : null,
        h(
          'optgroup',
          { label: 'Well-known providers' },
          githubArn
            ? null
            : h('option', { value: `add:${GITHUB}`, selected: w.provider === `add:${GITHUB}` }, 'GitHub Actions (add the provider first)'),
          WELL_KNOWN.map((k) => h('option', { value: k.id, selected: w.provider === k.id }, k.label)),
        ),
      );
      const extra = h('div');
      const drawExtra = async () => {
        const known = WELL_KNOWN.find((k) => k.id === w.provider);
        if (w.provider === '') {
          render(extra);
          return;
        }
        if (w.provider.startsWith('add:')) {
          render(
            extra,
            h(
              'p',
              null,
              'GitHub Actions signs its tokens as https://token.actions.githubusercontent.com; the account needs that provider before a role can trust it.',
            ),
            h(
              'button',
              {
                type: 'button',
                onClick: () =>
                  void running(status, async () => {
                    const out = await aws.query('iam', 'CreateOpenIDConnectProvider', {
                      Url: `https://${GITHUB}`,
                      ClientIDList: ['sts.amazonaws.com'],
                    });
                    cache.oidc = undefined;
                    w.provider = String(out.OpenIDConnectProviderArn);
                    w.audience = 'sts.amazonaws.com';
                    render(status, notice('Added the GitHub Actions provider.', 'ok'));
                    await webOptions(box);
                  }),
              },
              'Add GitHub’s OpenID Connect provider',
            ),
            ' ',
            h('a', { href: '#/providers/create' }, 'or add another provider'),
          );
          return;
        }
        /** @type {HTMLElement} */
        let audience;
        if (known) {
          audience = h('input', { value: w.audience });
          audience.addEventListener('input', () => (w.audience = val(audience)));
        } else {
          const got = await aws.query('iam', 'GetOpenIDConnectProvider', { OpenIDConnectProviderArn: w.provider });
          const ids = list(got.ClientIDList).map(String);
          if (!ids.includes(w.audience)) w.audience = ids[0] ?? '';
          audience = h(
            'select',
            null,
            ids.map((id) => h('option', { value: id, selected: id === w.audience }, id)),
          );
          audience.addEventListener('change', () => (w.audience = val(audience)));
        }
        const parts = [
          field(known ? known.audience : 'Audience', audience, known ? undefined : 'One of the provider’s client ids (the token’s aud).'),
        ];
        if (w.provider.endsWith(`/${GITHUB}`)) {
          const input = (/** @type {'org' | 'repo' | 'branch'} */ key, /** @type {string} */ label, /** @type {string} */ hint) => {
            const el = h('input', { value: w[key] });
            el.addEventListener('input', () => (w[key] = val(el)));
            return field(label, el, hint);
          };
          parts.push(
            h(
              'fieldset.choices',
              null,
              h('legend', null, 'GitHub (the token’s sub)'),
              input('org', 'GitHub organization', 'The user or organization that owns the repository (required).'),
              input('repo', 'GitHub repository', 'Leave empty for every repository of the organization.'),
              input('branch', 'GitHub branch', 'Leave empty for every branch, tag and environment.'),
            ),
          );
        }
        render(extra, parts);
      };
      select.addEventListener('change', () => {
        w.provider = val(select);
        void running(status, drawExtra);
      });
      render(box, field('Identity provider', select), extra);
      await drawExtra();
      return () => {
        if (!w.provider || w.provider.startsWith('add:')) return 'Choose an identity provider (add GitHub’s first).';
        if (!w.audience) return 'Enter the audience.';
        if (w.provider.endsWith(`/${GITHUB}`) && !w.org)
          return 'Enter the GitHub organization: a GitHub role without one trusts every repository on GitHub.';
        return undefined;
      };
    }

    /** @param {HTMLElement} box */
    async function samlOptions(box) {
      const s = state.saml;
      cache.saml ??= list((await aws.query('iam', 'ListSAMLProviders')).SAMLProviderList);
      const providers = cache.saml;
      if (providers.length === 0) {
        render(box, h('p', null, 'This account has no SAML provider yet. ', h('a', { href: '#/providers/create' }, 'Add one'), ' first.'));
        return () => 'Add a SAML provider first.';
      }
      if (!s.provider) s.provider = String(providers[0].Arn);
      const select = h(
        'select',
        null,
        providers.map((p) =>
          h('option', { value: p.Arn, selected: p.Arn === s.provider }, String(p.Arn).replace(/^.*:saml-provider\//, '')),
        ),
      );
      select.addEventListener('change', () => (s.provider = val(select)));
      const attribute = h(
        'select',
        null,
        ['SAML:sub', 'SAML:sub_type', 'SAML:iss', 'SAML:aud', 'SAML:eduPersonPrincipalName'].map((a) =>
          h('option', { value: a, selected: a === s.attribute }, a),
        ),
      );
      attribute.addEventListener('change', () => (s.attribute = val(attribute)));
      const value = h('input', { value: s.value });
      value.addEventListener('input', () => (s.value = val(value)));
      const programmatic = h(
        'div',
        { hidden: s.access !== 'programmatic' },
        field('Attribute', attribute),
        field('Value', value, 'Optional: the assertion must carry this value.'),
      );
      const access = (/** @type {'console' | 'programmatic'} */ which, /** @type {string} */ label) => {
        const r = h('input', { type: 'radio', name: 'saml-access', value: which, checked: s.access === which });
        r.addEventListener('change', () => {
          s.access = which;
          programmatic.hidden = which !== 'programmatic';
        });
        return h('label.choice', null, r, label);
      };
      render(
        box,
        field('SAML 2.0 provider', select),
        h(
          'fieldset.choices',
          null,
          h('legend', null, 'Access'),
          access('console', 'Allow programmatic and AWS Management Console access (SAML:aud is the sign-in page)'),
          access('programmatic', 'Allow programmatic access only'),
          programmatic,
        ),
      );
      return () => (s.provider ? undefined : 'Choose a SAML provider.');
    }

    /** @param {HTMLElement} box */
    function customOptions(box) {
      const editor = policyEditor({ label: 'Trust policy', value: state.custom, type: 'trust', onChange: (t) => (state.custom = t) });
      render(box, editor.element);
      return async () => ((await editor.hasErrors()) ? 'Fix the trust policy’s errors first.' : undefined);
    }

    // Step 2 -------------------------------------------------------------------------------
    async function stepPermissions() {
      const picker = await policyPicker({ selected: state.policies, onChange: () => drawCount() });
      const count = h('p.hint', { role: 'status' });
      const drawCount = () => render(count, `${state.policies.size} selected`);
      drawCount();
      const boundary = h(
        'select',
        null,
        h('option', { value: '' }, 'No boundary'),
        picker.policies.map((p) => h('option', { value: p.Arn, selected: p.Arn === state.boundary }, p.PolicyName)),
      );
      boundary.addEventListener('change', () => (state.boundary = val(boundary)));
      render(
        body,
        h('p', null, 'Tick the managed policies to attach to the role (you can add inline policies once it exists).'),
        count,
        picker.element,
        h('h3', null, 'Permissions boundary (optional)'),
        field('Permissions boundary', boundary, 'The most the role’s policies can ever allow.'),
      );
    }

    // Step 3 -------------------------------------------------------------------------------
    function stepDetails() {
      const name = h('input', { value: state.name, maxlength: '64', required: true, autocomplete: 'off' });
      const description = h('textarea.short', { maxlength: '1000' });
      /** @type {HTMLTextAreaElement} */ (description).value = state.description;
      const path = h('input', { value: state.path, maxlength: '512' });
      const tags = tagEditor(state.tags);
      const max = h(
        'select',
        null,
        [1, 2, 4, 6, 8, 12].map((x) =>
          h('option', { value: String(x * 3600), selected: x * 3600 === state.maxSession }, duration(x * 3600)),
        ),
      );
      render(
        body,
        field('Role name', name, 'Up to 64 letters, digits and +=,.@-_ characters; unique in the account.'),
        field('Description', description),
        field('Path', path, 'Optional, e.g. /teams/payments/ — it becomes part of the ARN.'),
        field('Maximum session duration', max),
        tags.element,
      );
      name.focus();
      leave = () => {
        state.name = val(name);
        state.description = /** @type {HTMLTextAreaElement} */ (description).value.trim();
        state.path = val(path) || '/';
        state.tags = tags.tags();
        state.maxSession = Number(val(max));
        if (!/^[\w+=,.@-]{1,64}$/.test(state.name)) return 'Enter a role name: 1 to 64 letters, digits or +=,.@-_ characters.';
        if (!/^\/([\x21-\x7e]*\/)?$/.test(state.path)) return 'A path starts and ends with a slash, e.g. /teams/.';
        return undefined;
      };
    }

    // Step 4 -------------------------------------------------------------------------------
    function stepReview() {
      const trust = trustPolicy();
      render(
        body,
        h('h3', null, 'Role details'),
        h(
          'dl.summary',
          null,
          h('dt', null, 'Role name'),
          h('dd', null, state.name),
          h('dt', null, 'Description'),
          h('dd', null, state.description || '—'),
          h('dt', null, 'Path'),
          h('dd', null, state.path),
          h('dt', null, 'Maximum session duration'),
          h('dd', null, duration(state.maxSession)),
        ),
        h('h3', null, 'Trust policy'),
        h('pre.trust-json', { 'aria-label': 'Trust policy JSON', tabindex: '0' }, trust),
        h('h3', null, 'Permissions policies'),
        state.policies.size
          ? h(
              'ul',
              { 'aria-label': 'Policies to attach' },
              [...state.policies].map((arn) => h('li', null, policyNameOf(arn))),
            )
          : h('p', null, 'None.'),
        state.boundary ? h('p', null, 'Permissions boundary: ', policyNameOf(state.boundary)) : null,
        h('h3', null, 'Tags'),
        state.tags.length
          ? h(
              'ul',
              null,
              state.tags.map((t) => h('li', null, `${t.Key} = ${t.Value}`)),
            )
          : h('p', null, 'None.'),
      );
    }

    async function create() {
      await aws.query('iam', 'CreateRole', {
        RoleName: state.name,
        Path: state.path,
        Description: state.description || undefined,
        AssumeRolePolicyDocument: trustPolicy(),
        MaxSessionDuration: state.maxSession,
        PermissionsBoundary: state.boundary || undefined,
        Tags: state.tags.length ? state.tags : undefined,
      });
      for (const arn of state.policies) await aws.query('iam', 'AttachRolePolicy', { RoleName: state.name, PolicyArn: arn });
      go(link('roles', state.name).slice(1));
    }

    void draw();
  },
});
