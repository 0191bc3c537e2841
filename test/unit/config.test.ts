import { describe, it } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../src/config/load-config.js';

describe('configuration', () => {
  it('has documented defaults: loopback, SQLite in a local folder', () => {
    const c = loadConfig([], {});
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.port, 4747);
    assert.equal(c.dataDir, './keysmith-data');
    assert.equal(c.databaseUrl, undefined);
    assert.equal(c.enableReset, false);
    assert.ok(Object.isFrozen(c));
  });

  it('lets flags win over the environment', () => {
    const c = loadConfig(['--port', '9000', '--data-dir=/tmp/x', '--enable-reset'], { KEYSMITH_PORT: '8000', KEYSMITH_HOST: '127.0.0.2' });
    assert.equal(c.port, 9000);
    assert.equal(c.dataDir, '/tmp/x');
    assert.equal(c.host, '127.0.0.2');
    assert.equal(c.enableReset, true);
  });

  it('KEYSMITH_ISSUER_URL must be a base URL: refused otherwise, trailing slashes dropped', () => {
    assert.equal(loadConfig([], { KEYSMITH_ISSUER_URL: 'https://keysmith.example:8443/' }).issuerUrl, 'https://keysmith.example:8443');
    assert.equal(loadConfig([], {}).issuerUrl, undefined);
    for (const bad of ['keysmith.example', 'ftp://x', 'https://x/?q=1', 'https://x/#f', 'https://u:p@x']) {
      assert.throws(
        () => loadConfig([], { KEYSMITH_ISSUER_URL: bad }),
        /KEYSMITH_ISSUER_URL must be an absolute http:\/\/ or https:\/\/ URL/,
        bad,
      );
    }
  });

  it('fails fast naming the setting at fault', () => {
    assert.throws(
      () => loadConfig([], { KEYSMITH_PORT: 'eighty' }),
      (e: unknown) => e instanceof ConfigError && /KEYSMITH_PORT/.test(e.message),
    );
    assert.throws(() => loadConfig([], { KEYSMITH_ACCOUNT_ID: '123' }), /KEYSMITH_ACCOUNT_ID must be a 12-digit account id/);
    assert.throws(() => loadConfig(['--prot', '1'], {}), /unknown option --prot/);
  });
});
