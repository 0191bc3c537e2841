import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../support/server.js';
import { clientEnv, credentialEnv, describe, runProcess } from '../support/clients-process.js';
import { repoRoot } from '../support/paths.js';

/**
 * boto3 against keysmith's console passwords, account alias and summary: what boto3 decodes
 * (the policy, the profile's datetime, the SummaryMap as a dict, the empty results), the
 * AllowUsersToChangePassword grant, and CloudTrail (boto3's own client) hiding every password.
 */

let server: TestServer;
let seen: Record<string, { ok?: any; error?: any; crash?: any }>;

function ok(name: string): any {
  const step = seen[name];
  assert.ok(step, `step ${name} did not run`);
  assert.ok('ok' in step, `step ${name} failed: ${JSON.stringify(step.error ?? step.crash, null, 1)}`);
  return step.ok;
}

suite('boto3: passwords, account alias, summary', () => {
  before(async () => {
    server = await startTestServer();
    const script = join(repoRoot, 'test/fixtures/python/boto3_passwords.py');
    const env = clientEnv({ ...credentialEnv(server.admin), KEYSMITH_ENDPOINT: server.url, PYTHONDONTWRITEBYTECODE: '1' });
    const result = await runProcess('python3', [script], { env, timeoutMs: 150_000 });
    assert.equal(result.code, 0, describe(result));
    seen = JSON.parse(result.stdout);
  });
  after(async () => {
    await server?.close();
  });

  test('the account password policy round-trips', () => {
    assert.deepEqual(ok('update_policy'), {});
    assert.deepEqual(ok('get_policy'), {
      MinimumPasswordLength: 10,
      RequireSymbols: false,
      RequireNumbers: true,
      RequireUppercaseCharacters: false,
      RequireLowercaseCharacters: false,
      AllowUsersToChangePassword: true,
      ExpirePasswords: false,
    });
    assert.deepEqual(ok('delete_policy'), {});
  });

  test('login profile: created, enforced, changed by the user itself, deleted', () => {
    const profile = ok('create_profile');
    assert.equal(profile.UserName, 'boto-pw');
    assert.equal(profile.PasswordResetRequired, true);
    assert.match(profile.CreateDate, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    assert.deepEqual(seen.update_short?.error, {
      code: 'PasswordPolicyViolation',
      message: 'Password should have a minimum length of 10',
      status: 400,
    });
    assert.deepEqual(ok('change_password'), {});
    assert.equal(ok('get_profile'), false);
    assert.deepEqual(ok('delete_profile'), {});
  });

  test('account alias and summary', () => {
    assert.deepEqual(ok('create_alias'), {});
    assert.deepEqual(ok('list_aliases'), ['boto-alias']);
    assert.deepEqual(ok('delete_alias'), {});
    const summary = ok('summary');
    assert.equal(summary.Users, 2);
    assert.equal(summary.GlobalEndpointTokenVersion, 1);
  });

  test('CloudTrail LookupEvents shows passwords as HIDDEN_DUE_TO_SECURITY_REASONS', () => {
    const events = ok('lookup_events');
    const created = events.CreateLoginProfile as Record<string, unknown>[];
    assert.ok(created.length >= 1);
    for (const params of created) assert.equal(params.password ?? params.Password, 'HIDDEN_DUE_TO_SECURITY_REASONS');
    const changed = events.ChangePassword as Record<string, unknown>[];
    assert.equal(changed.length, 1);
    const text = JSON.stringify(changed);
    assert.ok(!text.includes('Boto-pass'), text);
  });
});
