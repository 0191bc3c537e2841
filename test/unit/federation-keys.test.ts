import assert from 'node:assert/strict';
import { test } from '../support/node-test.js';
import { webIdentityConditionKeys } from '../../src/federation/oidc/condition-keys.js';
import { CONDITION_KEYS, keyPattern } from '../../src/authz/condition-keys/key-table.js';
import { AWS_ACTION_KEYS } from '../../src/authz/condition-keys/aws-action-keys.js';

/**
 * The web-identity keys no live suite can produce: GitHub Actions' claims are keys only for a
 * provider registered under GitHub's host names (the live suites' issuer is on 127.0.0.1). And the
 * key table's placeholder families against AWS's own key names.
 */

const CLAIMS = {
  iss: 'https://token.actions.githubusercontent.com',
  sub: 'repo:octo/app:ref:refs/heads/main',
  aud: 'sts.amazonaws.com',
  repository: 'octo/app',
  repository_id: 123,
  ref: 'refs/heads/main',
  actor: 'octocat',
  workflow: 'deploy',
  run_id: '99',
};
const verified = { subject: CLAIMS.sub, audience: 'sts.amazonaws.com', otherAudiences: [], claims: CLAIMS };

test('GitHub Actions providers: the claims AWS lists become keys named by the provider; other claims do not', () => {
  for (const name of [
    'token.actions.githubusercontent.com',
    'token.actions.githubusercontent.com/octo-enterprise',
    'token.actions.octo.ghe.com',
    'github.com/enterprises/octo',
  ]) {
    const keys = webIdentityConditionKeys(name, verified);
    assert.equal(keys[`${name}:repository`], 'octo/app', name);
    assert.equal(keys[`${name}:repository_id`], '123', name);
    assert.equal(keys[`${name}:ref`], 'refs/heads/main', name);
    assert.equal(keys[`${name}:actor`], 'octocat', name);
    assert.equal(keys[`${name}:workflow`], 'deploy', name);
    assert.equal(keys[`${name}:sub`], CLAIMS.sub, name);
    assert.equal(keys[`${name}:run_id`], undefined, name);
    assert.equal(keys[`${name}:environment`], undefined, `${name}: absent when the token has no environment claim`);
    const row = CONDITION_KEYS.find((r) => r.key === 'token.actions.githubusercontent.com:${Claim}')!;
    assert.ok(row.source !== undefined && row.noLiveCase !== undefined);
  }
});

test('other providers get only aud, sub, amr and oaud', () => {
  const keys = webIdentityConditionKeys('oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE', verified);
  assert.deepEqual(Object.keys(keys).sort(), [
    'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE:aud',
    'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE:sub',
  ]);
});

test('placeholder families match AWS’s key names for the provider keys, never saml:', () => {
  const aws = AWS_ACTION_KEYS['sts:assumerolewithwebidentity']!.keys;
  assert.ok(keyPattern('${ProviderName}:aud').test('accounts.google.com:aud'));
  assert.ok(keyPattern('${ProviderName}:sub').test('127.0.0.1:8443/case:sub'));
  assert.ok(keyPattern('${ProviderName}:sub').test('oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE:sub'));
  assert.ok(!keyPattern('${ProviderName}:aud').test('saml:aud'));
  for (const claim of ['actor', 'ref', 'repository', 'workflow'])
    assert.ok(
      aws.some((k) => keyPattern('token.actions.githubusercontent.com:${Claim}').test(k) && k.endsWith(`:${claim}`)),
      claim,
    );
});
