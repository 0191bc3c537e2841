// @ts-check
import { field, h, notice, render, when } from '../dom.js';
import { addRoute, go, link } from '../router.js';
import { aws } from '../session.js';
import { list } from '../aws/xml.js';
import { searchableTable } from '../ui/table.js';
import { confirmAction } from '../ui/dialogs.js';
import { refresh, running, val } from '../ui/iam-kit.js';
import { tabbed } from '../ui/tabs.js';
import { tagsPanel } from '../ui/tags-panel.js';

/**
 * Identity providers: the account's OpenID Connect and SAML 2.0 providers (ListOpenIDConnectProviders,
 * ListSAMLProviders — one call each, no call per row), adding either (an OIDC issuer URL with its
 * audiences and optional thumbprints; a SAML provider's metadata pasted or read from a local file
 * with FileReader — nothing leaves the browser but the CreateSAMLProvider call), a provider's page
 * (OIDC: audiences, thumbprints, tags; SAML: metadata validity, replacing the document, tags) and
 * deleting one.
 */

/** @param {string} arn */
const kindOf = (arn) => (arn.includes(':oidc-provider/') ? 'OpenID Connect' : 'SAML');
/** @param {string} arn */
const nameOf = (arn) => arn.replace(/^arn:[^:]+:iam::\d{12}:(oidc|saml)-provider\//, '');

addRoute({
  pattern: /^\/providers$/,
  title: 'Identity providers',
  nav: 'Identity providers',
  async render(main) {
    const [oidc, saml] = await Promise.all([aws.query('iam', 'ListOpenIDConnectProviders'), aws.query('iam', 'ListSAMLProviders')]);
    const rows = [
      ...list(oidc.OpenIDConnectProviderList).map((p) => ({ arn: String(p.Arn), created: '', validUntil: '' })),
      ...list(saml.SAMLProviderList).map((p) => ({
        arn: String(p.Arn),
        created: String(p.CreateDate ?? ''),
        validUntil: String(p.ValidUntil ?? ''),
      })),
    ];
    const status = h('div.status');
    render(
      main,
      h('h1', null, 'Identity providers'),
      h(
        'p',
        null,
        'Providers let people signed in elsewhere — OpenID Connect (GitHub Actions, Kubernetes, Google…) or SAML 2.0 — assume roles that trust them.',
      ),
      h('div.toolbar', null, h('a.button.primary', { href: '#/providers/create' }, 'Add provider')),
      status,
      searchableTable({
        label: 'identity providers',
        rows,
        columns: [
          { title: 'Provider', cell: (r) => h('a', { href: link('providers', r.arn) }, nameOf(r.arn)), text: (r) => nameOf(r.arn) },
          { title: 'Type', cell: (r) => kindOf(r.arn) },
          { title: 'Created', cell: (r) => (r.created ? when(r.created) : '—') },
          { title: 'Metadata valid until', cell: (r) => (r.validUntil ? when(r.validUntil) : '—') },
          {
            title: 'Actions',
            text: () => '',
            cell: (r) =>
              h(
                'button.danger',
                {
                  type: 'button',
                  'aria-label': `Delete provider ${nameOf(r.arn)}`,
                  onClick: () => void running(status, () => deleteProvider(r.arn, refresh)),
                },
                'Delete',
              ),
          },
        ],
      }),
    );
  },
});

/** @param {string} arn @param {() => void} done */
async function deleteProvider(arn, done) {
  if (
    !(await confirmAction(`Delete provider ${nameOf(arn)}?`, 'Roles that trust it can no longer be assumed with its tokens or assertions.'))
  )
    return;
  if (kindOf(arn) === 'SAML') await aws.query('iam', 'DeleteSAMLProvider', { SAMLProviderArn: arn });
  else await aws.query('iam', 'DeleteOpenIDConnectProvider', { OpenIDConnectProviderArn: arn });
  done();
}

/** One value a line or comma-separated. @param {string} text */
const values = (text) =>
  text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);

addRoute({
  pattern: /^\/providers\/create$/,
  title: 'Add identity provider',
  render(main) {
    let kind = /** @type {'oidc' | 'saml'} */ ('oidc');
    const form = h('div');
    const status = h('div.status');
    const url = h('input', { type: 'url', placeholder: 'https://token.actions.githubusercontent.com', autocomplete: 'off' });
    const audiences = h('textarea.short', { placeholder: 'sts.amazonaws.com' });
    const thumbprints = h('textarea.short');
    const samlName = h('input', { maxlength: '128', autocomplete: 'off' });
    const metadata = h('textarea.short.metadata');
    const file = h('input', { type: 'file', accept: '.xml,application/xml,text/xml' });
    file.addEventListener('change', () => {
      const f = /** @type {HTMLInputElement} */ (file).files?.[0];
      if (!f) return;
      const reader = new window.FileReader();
      reader.onload = () => {
        /** @type {HTMLTextAreaElement} */ (metadata).value = String(reader.result ?? '');
      };
      reader.readAsText(f);
    });
    const draw = () => {
      render(
        form,
        kind === 'oidc'
          ? [
              field('Provider URL', url, 'The issuer, https:// and a host (and path); keysmith never fetches it.'),
              field('Audiences', audiences, 'Client ids, one a line (for GitHub Actions and most AWS uses: sts.amazonaws.com).'),
              field(
                'Thumbprints (optional)',
                thumbprints,
                'SHA-1 thumbprints of the issuer’s certificate, 40 hex digits each, one a line.',
              ),
            ]
          : [
              field('Provider name', samlName, 'Letters, digits and ._- (it ends the provider’s ARN).'),
              field('Metadata document', metadata, 'Paste the IdP’s SAML metadata XML, or read it from a file below.'),
              field('Metadata file', file, 'Read in the browser; nothing is uploaded but the document itself.'),
            ],
      );
    };
    const radio = (/** @type {'oidc' | 'saml'} */ value, /** @type {string} */ label) => {
      const r = h('input', { type: 'radio', name: 'provider-type', value, checked: kind === value });
      r.addEventListener('change', () => {
        kind = value;
        draw();
      });
      return h('label.choice', null, r, label);
    };
    async function add() {
      if (kind === 'oidc') {
        const out = await aws.query('iam', 'CreateOpenIDConnectProvider', {
          Url: val(url),
          ClientIDList: values(/** @type {HTMLTextAreaElement} */ (audiences).value),
          ThumbprintList: values(/** @type {HTMLTextAreaElement} */ (thumbprints).value),
        });
        go(link('providers', out.OpenIDConnectProviderArn).slice(1));
      } else {
        const out = await aws.query('iam', 'CreateSAMLProvider', {
          Name: val(samlName),
          SAMLMetadataDocument: /** @type {HTMLTextAreaElement} */ (metadata).value,
        });
        go(link('providers', out.SAMLProviderArn).slice(1));
      }
    }
    draw();
    render(
      main,
      h('p.crumbs', null, h('a', { href: '#/providers' }, 'Identity providers'), ' › Add provider'),
      h('h1', null, 'Add identity provider'),
      h(
        'form',
        {
          'aria-label': 'Add identity provider',
          onSubmit: (/** @type {Event} */ e) => {
            e.preventDefault();
            void running(status, add);
          },
        },
        h('fieldset.choices', null, h('legend', null, 'Provider type'), radio('oidc', 'OpenID Connect'), radio('saml', 'SAML 2.0')),
        form,
        h('div.toolbar', null, h('a.button', { href: '#/providers' }, 'Cancel'), h('button.primary', { type: 'submit' }, 'Add provider')),
        status,
      ),
    );
  },
});

addRoute({
  pattern: /^\/providers\/(arn[^/?]+)$/,
  title: 'Identity provider',
  async render(main, match) {
    await providerPage(main, match.params[0] ?? '', match.query.get('tab') ?? undefined);
  },
});

/**
 * A provider's page: its summary, "Delete provider", and tabs — for OpenID Connect its audiences
 * (AddClientIDToOpenIDConnectProvider / RemoveClientIDFromOpenIDConnectProvider), thumbprints
 * (UpdateOpenIDConnectProviderThumbprint, which replaces the whole list) and tags; for SAML its
 * metadata document (shown, and replaced with UpdateSAMLProvider — pasted or read from a local file)
 * and tags.
 * @param {HTMLElement} main @param {string} arn @param {string} [tab] @param {string} [message]
 */
async function providerPage(main, arn, tab, message) {
  const status = h('div.status');
  const head = [
    h('p.crumbs', null, h('a', { href: '#/providers' }, 'Identity providers'), ' › ', nameOf(arn)),
    h('h1.provider-name', null, nameOf(arn)),
  ];
  const del = h(
    'button.danger',
    { type: 'button', onClick: () => void running(status, () => deleteProvider(arn, () => go('/providers'))) },
    'Delete provider',
  );
  const saml = kindOf(arn) === 'SAML';
  /** @type {import('../ui/tags-panel.js').TagActions} */
  const tagActions = saml
    ? { list: 'ListSAMLProviderTags', tag: 'TagSAMLProvider', untag: 'UntagSAMLProvider', params: { SAMLProviderArn: arn } }
    : {
        list: 'ListOpenIDConnectProviderTags',
        tag: 'TagOpenIDConnectProvider',
        untag: 'UntagOpenIDConnectProvider',
        params: { OpenIDConnectProviderArn: arn },
      };
  const tagsTab = { id: 'tags', title: 'Tags', render: (/** @type {HTMLElement} */ panel) => tagsPanel(panel, tagActions) };
  if (saml) {
    const p = await aws.query('iam', 'GetSAMLProvider', { SAMLProviderArn: arn });
    const valid = p.ValidUntil ? Date.parse(p.ValidUntil) > Date.now() : true;
    render(
      main,
      head,
      message ? notice(message, 'ok') : null,
      h(
        'dl.summary',
        null,
        h('dt', null, 'ARN'),
        h('dd', null, h('code', null, arn)),
        h('dt', null, 'Type'),
        h('dd', null, 'SAML 2.0'),
        h('dt', null, 'Created'),
        h('dd', null, when(p.CreateDate)),
        h('dt', null, 'Metadata valid until'),
        h(
          'dd',
          null,
          p.ValidUntil ? when(p.ValidUntil) : '—',
          ' ',
          h(`span.effect.${valid ? 'allow' : 'deny'}`, null, valid ? 'Valid' : 'Expired'),
        ),
        h('dt', null, 'Assertion encryption'),
        h('dd', null, p.AssertionEncryptionMode || '—'),
      ),
      h('div.toolbar', null, del),
      status,
      tabbed(
        [
          {
            id: 'metadata',
            title: 'Metadata',
            render: (panel) => metadataTab(panel, String(p.SAMLMetadataDocument ?? ''), arn, main),
          },
          tagsTab,
        ],
        tab,
      ),
    );
    return;
  }
  const p = await aws.query('iam', 'GetOpenIDConnectProvider', { OpenIDConnectProviderArn: arn });
  render(
    main,
    head,
    h(
      'dl.summary',
      null,
      h('dt', null, 'ARN'),
      h('dd', null, h('code', null, arn)),
      h('dt', null, 'Type'),
      h('dd', null, 'OpenID Connect'),
      h('dt', null, 'Issuer'),
      h('dd', null, h('code', null, `https://${p.Url}`)),
      h('dt', null, 'Created'),
      h('dd', null, when(p.CreateDate)),
    ),
    h('div.toolbar', null, del),
    status,
    tabbed(
      [
        { id: 'audiences', title: 'Audiences', render: (panel) => audiencesTab(panel, arn) },
        { id: 'thumbprints', title: 'Thumbprints', render: (panel) => thumbprintsTab(panel, arn) },
        tagsTab,
      ],
      tab,
    ),
  );
}

/** @param {HTMLElement} panel @param {string} arn @param {string} [message] */
async function audiencesTab(panel, arn, message) {
  const p = await aws.query('iam', 'GetOpenIDConnectProvider', { OpenIDConnectProviderArn: arn });
  const audiences = list(p.ClientIDList).map(String);
  const status = h('div.status');
  const newAudience = h('input', { autocomplete: 'off', maxlength: '255' });
  const again = (/** @type {string} */ text) => audiencesTab(panel, arn, text);
  render(
    panel,
    message ? notice(message, 'ok') : null,
    h('h2', null, `Audiences (${audiences.length})`),
    h('p.hint', null, 'The client ids a token’s aud claim may name; a token for any other audience is refused.'),
    h(
      'ul.audiences',
      { 'aria-label': 'Audiences' },
      audiences.map((a) =>
        h(
          'li',
          null,
          h('code', null, a),
          ' ',
          h(
            'button.link',
            {
              type: 'button',
              'aria-label': `Remove audience ${a}`,
              onClick: () =>
                void running(status, async () => {
                  if (!(await confirmAction(`Remove audience ${a}?`, 'Tokens issued for this audience can no longer be used.', 'Remove')))
                    return;
                  await aws.query('iam', 'RemoveClientIDFromOpenIDConnectProvider', { OpenIDConnectProviderArn: arn, ClientID: a });
                  await again(`Audience ${a} removed.`);
                }),
            },
            'Remove',
          ),
        ),
      ),
    ),
    audiences.length === 0 ? notice('No audience: no token can be used with this provider until one is added.', 'info') : null,
    h(
      'form.inline-add',
      {
        'aria-label': 'Add audience',
        onSubmit: (/** @type {Event} */ e) => {
          e.preventDefault();
          void running(status, async () => {
            const id = val(newAudience);
            if (!id) throw new Error('Enter the audience (client id) to add.');
            await aws.query('iam', 'AddClientIDToOpenIDConnectProvider', { OpenIDConnectProviderArn: arn, ClientID: id });
            await again(`Audience ${id} added.`);
          });
        },
      },
      field('New audience', newAudience),
      h('button', { type: 'submit' }, 'Add audience'),
    ),
    status,
  );
}

/** @param {HTMLElement} panel @param {string} arn @param {string} [message] */
async function thumbprintsTab(panel, arn, message) {
  const p = await aws.query('iam', 'GetOpenIDConnectProvider', { OpenIDConnectProviderArn: arn });
  const thumbprints = list(p.ThumbprintList).map(String);
  const status = h('div.status');
  const text = h('textarea.short.thumbprints', { spellcheck: false, autocomplete: 'off' });
  /** @type {HTMLTextAreaElement} */ (text).value = thumbprints.join('\n');
  async function save() {
    const next = values(/** @type {HTMLTextAreaElement} */ (text).value);
    const bad = next.filter((t) => !/^[0-9a-fA-F]{40}$/.test(t));
    if (bad.length) throw new Error(`A thumbprint is 40 hexadecimal digits (SHA-1): ${bad.join(', ')}.`);
    await aws.query('iam', 'UpdateOpenIDConnectProviderThumbprint', { OpenIDConnectProviderArn: arn, ThumbprintList: next });
    await thumbprintsTab(panel, arn, 'Thumbprints saved.');
  }
  render(
    panel,
    message ? notice(message, 'ok') : null,
    h('h2', null, `Thumbprints (${thumbprints.length})`),
    thumbprints.length
      ? h(
          'ul.plain',
          { 'aria-label': 'Current thumbprints' },
          thumbprints.map((t) => h('li', null, h('code', null, t))),
        )
      : h('p.hint', null, 'None.'),
    h(
      'form',
      {
        'aria-label': 'Edit thumbprints',
        onSubmit: (/** @type {Event} */ e) => {
          e.preventDefault();
          void running(status, save);
        },
      },
      field(
        'Thumbprint list',
        text,
        'SHA-1 thumbprints of the issuer’s certificate, 40 hex digits each, one a line (at most 5). Saving replaces the whole list; it may be empty.',
      ),
      h('div.toolbar', null, h('button.primary', { type: 'submit' }, 'Save thumbprints')),
    ),
    status,
  );
}

/**
 * The metadata document, and replacing it (UpdateSAMLProvider with SAMLMetadataDocument): pasted,
 * or read from a local file with FileReader. The page is drawn again after, as the validity changes.
 * @param {HTMLElement} panel @param {string} doc @param {string} arn @param {HTMLElement} main
 */
function metadataTab(panel, doc, arn, main) {
  const status = h('div.status');
  const metadata = h('textarea.short.metadata.replace', { spellcheck: false });
  const file = h('input', { type: 'file', accept: '.xml,application/xml,text/xml' });
  file.addEventListener('change', () => {
    const f = /** @type {HTMLInputElement} */ (file).files?.[0];
    if (!f) return;
    const reader = new window.FileReader();
    reader.onload = () => {
      /** @type {HTMLTextAreaElement} */ (metadata).value = String(reader.result ?? '');
    };
    reader.readAsText(f);
  });
  async function replace() {
    const text = /** @type {HTMLTextAreaElement} */ (metadata).value.trim();
    if (!text) throw new Error('Paste the new metadata document or choose its file first.');
    await aws.query('iam', 'UpdateSAMLProvider', { SAMLProviderArn: arn, SAMLMetadataDocument: text });
    await providerPage(main, arn, 'metadata', 'Metadata document replaced.');
  }
  render(
    panel,
    h('h2', null, 'Metadata document'),
    h('pre.metadata', { tabindex: '0', 'aria-label': 'SAML metadata document' }, doc),
    h(
      'details.replace-metadata',
      null,
      h('summary', null, 'Replace metadata document'),
      h(
        'form',
        {
          'aria-label': 'Replace metadata document',
          onSubmit: (/** @type {Event} */ e) => {
            e.preventDefault();
            void running(status, replace);
          },
        },
        h(
          'p.hint',
          null,
          'For a new signing certificate or entity id from the IdP. Assertions are then checked against the new document only.',
        ),
        field('New metadata document', metadata, 'Paste the IdP’s SAML metadata XML, or read it from a file below.'),
        field('New metadata file', file, 'Read in the browser; nothing is uploaded but the document itself.'),
        h('div.toolbar', null, h('button.primary', { type: 'submit' }, 'Replace metadata')),
      ),
    ),
    status,
  );
}
