// @ts-check
import { field, h, notice, render, when } from '../dom.js';
import { addRoute, go, link } from '../router.js';
import { aws } from '../session.js';
import { list } from '../aws/xml.js';
import { searchableTable } from '../ui/table.js';
import { confirmAction } from '../ui/dialogs.js';
import { refresh, running, val } from '../ui/iam-kit.js';

/**
 * Identity providers: the account's OpenID Connect and SAML 2.0 providers (ListOpenIDConnectProviders,
 * ListSAMLProviders — one call each, no call per row), adding either (an OIDC issuer URL with its
 * audiences and optional thumbprints; a SAML provider's metadata pasted or read from a local file
 * with FileReader — nothing leaves the browser but the CreateSAMLProvider call), a provider's page
 * (audiences, thumbprints / metadata validity) and deleting one.
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
    const arn = match.params[0] ?? '';
    const status = h('div.status');
    const head = [
      h('p.crumbs', null, h('a', { href: '#/providers' }, 'Identity providers'), ' › ', nameOf(arn)),
      h('h1', null, nameOf(arn)),
    ];
    const del = h(
      'button.danger',
      { type: 'button', onClick: () => void running(status, () => deleteProvider(arn, () => go('/providers'))) },
      'Delete provider',
    );
    if (kindOf(arn) === 'SAML') {
      const p = await aws.query('iam', 'GetSAMLProvider', { SAMLProviderArn: arn });
      const valid = p.ValidUntil ? Date.parse(p.ValidUntil) > Date.now() : true;
      render(
        main,
        head,
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
        h('h2', null, 'Metadata document'),
        h('pre.metadata', { tabindex: '0', 'aria-label': 'SAML metadata document' }, String(p.SAMLMetadataDocument ?? '')),
      );
      return;
    }
    const p = await aws.query('iam', 'GetOpenIDConnectProvider', { OpenIDConnectProviderArn: arn });
    const audiences = list(p.ClientIDList).map(String);
    const thumbprints = list(p.ThumbprintList).map(String);
    const newAudience = h('input', { autocomplete: 'off' });
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
        h('dt', null, 'Thumbprints'),
        h(
          'dd',
          null,
          thumbprints.length
            ? h(
                'ul.plain',
                null,
                thumbprints.map((t) => h('li', null, h('code', null, t))),
              )
            : 'None',
        ),
      ),
      h('div.toolbar', null, del),
      status,
      h('h2', null, 'Audiences'),
      h(
        'ul',
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
                    await aws.query('iam', 'RemoveClientIDFromOpenIDConnectProvider', { OpenIDConnectProviderArn: arn, ClientID: a });
                    refresh();
                  }),
              },
              'Remove',
            ),
          ),
        ),
      ),
      h(
        'form',
        {
          'aria-label': 'Add audience',
          onSubmit: (/** @type {Event} */ e) => {
            e.preventDefault();
            void running(status, async () => {
              await aws.query('iam', 'AddClientIDToOpenIDConnectProvider', { OpenIDConnectProviderArn: arn, ClientID: val(newAudience) });
              refresh();
            });
          },
        },
        field('New audience', newAudience),
        h('button', { type: 'submit' }, 'Add audience'),
      ),
      audiences.length === 0 ? notice('No audience: no token can be used with this provider until one is added.', 'info') : null,
    );
  },
});
