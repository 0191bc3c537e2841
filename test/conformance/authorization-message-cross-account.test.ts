import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { nodeSigV4Crypto } from '../../src/platform/node-sigv4-crypto.js';
import { nodeRandom } from '../../src/platform/node-random.js';
import { signRequest } from '../../src/sigv4/index.js';
import { createAccount } from '../../src/services/accounts/create-account.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { type Credentials, iamClient } from '../support/sdk-clients.js';
import { createRole, createUser, policyDoc, trustDoc } from '../support/sts-helpers.js';

/**
 * A refused AssumeRole into another account's role must not hand the caller a message that
 * reveals the role owner's trust policy (statement ids, failed condition keys): AWS gives the
 * caller no such message for another account's policies. Same-account denials keep theirs.
 */
suite('authorization message only for the denying account', () => {
  let server: TestServer;
  const OTHER = '210987654321';

  before(async () => {
    server = await startTestServer();
  });
  after(async () => server.close());

  async function assumeRaw(creds: Credentials, roleArn: string): Promise<Response> {
    const url = new URL(server.url);
    const body = Buffer.from(`Action=AssumeRole&Version=2011-06-15&RoleArn=${encodeURIComponent(roleArn)}&RoleSessionName=probe`);
    const signed = signRequest(
      {
        method: 'POST',
        rawPath: '/',
        rawQuery: '',
        headers: { host: [url.host], 'content-type': ['application/x-www-form-urlencoded'] },
        body,
      },
      { credentials: creds, region: 'us-east-1', service: 'sts', nowMs: Date.now(), crypto: nodeSigV4Crypto },
    );
    const headers = Object.fromEntries(
      Object.entries(signed.request.headers)
        .filter(([k]) => k !== 'host')
        .map(([k, v]) => [k, v.join(',')]),
    );
    return fetch(server.url, { method: 'POST', headers, body });
  }

  test('cross-account trust refusal: AccessDenied without x-keysmith-authorization-message', { timeout: 60_000 }, async () => {
    const other = await createAccount(server.keysmith.app.store, server.keysmith.app.secrets, nodeRandom, {
      accountId: OTHER,
      now: Date.now(),
    });
    server.keysmith.app.invalidateCaches();
    const otherIam = iamClient(server.url, other.admin);
    // The role trusts the caller's account only with an ExternalId the caller does not send.
    const role = await createRole(
      otherIam,
      'guarded',
      trustDoc(`arn:aws:iam::${server.accountId}:root`, 'sts:AssumeRole', { StringEquals: { 'sts:ExternalId': 'secret-sid-hint' } }),
    );
    const caller = await createUser(
      iamClient(server.url, server.admin),
      'cross-caller',
      policyDoc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }),
    );
    const response = await assumeRaw(caller.creds, role.arn);
    assert.equal(response.status, 403);
    assert.match(await response.text(), /<Code>AccessDenied<\/Code>/);
    assert.equal(response.headers.get('x-keysmith-authorization-message'), null);
  });

  test('same-account trust refusal keeps the message', { timeout: 60_000 }, async () => {
    const iam = iamClient(server.url, server.admin);
    const role = await createRole(
      iam,
      'local-guarded',
      trustDoc(`arn:aws:iam::${server.accountId}:root`, 'sts:AssumeRole', { StringEquals: { 'sts:ExternalId': 'x' } }),
    );
    const caller = await createUser(iam, 'local-caller', policyDoc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }));
    const response = await assumeRaw(caller.creds, role.arn);
    assert.equal(response.status, 403);
    assert.ok(response.headers.get('x-keysmith-authorization-message'));
  });
});
