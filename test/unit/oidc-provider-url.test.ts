import { describe, it } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config/load-config.js';
import { AwsError } from '../../src/errors/aws-error.js';
import { INVALID_OIDC_URL, oidcProviderName } from '../../src/services/iam/oidc-providers/oidc-url.js';
import { checkThumbprints } from '../../src/services/iam/oidc-providers/thumbprints.js';

const refused = (url: string, allowPorts = false) =>
  assert.throws(
    () => oidcProviderName(url, { allowPorts }),
    (e: unknown) => e instanceof AwsError && e.code === 'ValidationError' && e.message === INVALID_OIDC_URL,
    url,
  );

describe('OIDC provider URL rules', () => {
  it('names a provider by its URL without https://, path kept as given', () => {
    const off = { allowPorts: false };
    assert.equal(oidcProviderName('https://token.actions.githubusercontent.com', off), 'token.actions.githubusercontent.com');
    assert.equal(oidcProviderName('https://oidc.eks.us-west-1.amazonaws.com/id/C0621', off), 'oidc.eks.us-west-1.amazonaws.com/id/C0621');
    assert.equal(oidcProviderName('https://tenant.auth0.com/', off), 'tenant.auth0.com/');
    assert.equal(oidcProviderName('https://[::1]/realm', off), '[::1]/realm');
  });

  it('refuses what AWS refuses: another scheme, a query, a fragment, user info, no host, a bad host', () => {
    for (const url of [
      'example.org',
      'http://example.org',
      'HTTPS://example.org',
      'https://',
      'https:///path',
      'https://example.org?x=1',
      'https://example.org/p?x=1',
      'https://example.org/#f',
      'https://user@example.org',
      'https://exa mple.org',
      'https://-bad.example.org',
      'https://example..org',
      'https://example.org/a b',
    ]) {
      refused(url);
    }
  });

  it('refuses a port unless allowPorts (KEYSMITH_OIDC_ALLOW_PORTS) is on; a port must be 1-65535', () => {
    refused('https://127.0.0.1:8443');
    refused('https://idp.example.org:443/realm');
    refused('https://[::1]:8443');
    const on = { allowPorts: true };
    assert.equal(oidcProviderName('https://127.0.0.1:8443', on), '127.0.0.1:8443');
    assert.equal(oidcProviderName('https://localhost:9443/realms/dev', on), 'localhost:9443/realms/dev');
    assert.equal(oidcProviderName('https://[::1]:8443', on), '[::1]:8443');
    refused('https://127.0.0.1:0', true);
    refused('https://127.0.0.1:65536', true);
    refused('https://127.0.0.1:', true);
    refused('https://127.0.0.1:http', true);
    refused('http://127.0.0.1:8443', true);
  });

  it('the setting: off by default, from the environment or the flag', () => {
    assert.equal(loadConfig([], {}).oidcAllowPorts, false);
    assert.equal(loadConfig([], { KEYSMITH_OIDC_ALLOW_PORTS: 'true' }).oidcAllowPorts, true);
    assert.equal(loadConfig(['--oidc-allow-ports'], {}).oidcAllowPorts, true);
    assert.throws(() => loadConfig([], { KEYSMITH_OIDC_ALLOW_PORTS: 'yes' }), /KEYSMITH_OIDC_ALLOW_PORTS must be true or false/);
  });
});

describe('OIDC thumbprints', () => {
  it('at most five, each 40 hex digits', () => {
    checkThumbprints([]);
    checkThumbprints(['0123456789abcdefABCDEF0123456789abcdef01', 'f'.repeat(40)]);
    assert.throws(
      () => checkThumbprints(Array.from({ length: 6 }, () => 'a'.repeat(40))),
      /Thumbprint list must contain fewer than 5 entries\./,
    );
    assert.throws(() => checkThumbprints(['g'.repeat(40)]), /not a 40-character hexadecimal SHA-1 fingerprint/);
  });
});
