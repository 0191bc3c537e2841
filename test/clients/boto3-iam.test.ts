import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../support/server.js';
import { clientEnv, credentialEnv, describe, runProcess } from '../support/clients-process.js';
import { repoRoot } from '../support/paths.js';

/**
 * boto3 (the library behind the AWS CLI and most Python tooling) against keysmith: the fixture
 * script runs the core IAM flow and reports what boto3 saw; each test checks one part of it.
 */

let server: TestServer;
let seen: Record<string, { ok?: any; error?: any; crash?: any }>;

/** The step's result, or a failure that shows what boto3 raised instead. */
function ok(name: string): any {
  const step = seen[name];
  assert.ok(step, `step ${name} did not run`);
  assert.ok('ok' in step, `step ${name} failed: ${JSON.stringify(step.error ?? step.crash, null, 1)}`);
  return step.ok;
}

function clientError(name: string): any {
  const step = seen[name];
  assert.ok(step?.error, `step ${name} should have raised a ClientError: ${JSON.stringify(step)}`);
  return step.error;
}

suite('boto3 against keysmith', () => {
  before(async () => {
    server = await startTestServer();
    const script = join(repoRoot, 'test/fixtures/python/boto3_iam_flow.py');
    const env = clientEnv({ ...credentialEnv(server.admin), KEYSMITH_ENDPOINT: server.url, PYTHONDONTWRITEBYTECODE: '1' });
    const result = await runProcess('python3', [script], { env, timeoutMs: 150_000 });
    assert.equal(result.code, 0, describe(result));
    seen = JSON.parse(result.stdout);
  });
  after(async () => {
    await server?.close();
  });

  test('sts.get_caller_identity', () => {
    const id = ok('whoami');
    assert.equal(id.Account, server.accountId);
    assert.equal(id.Arn, `arn:aws:iam::${server.accountId}:user/admin`);
    assert.match(id.UserId, /^AIDA[A-Z0-9]{17}$/);
  });

  test('create_user, create_access_key, list_access_keys; the new key signs as the user', () => {
    const user = ok('create_user');
    assert.equal(user.UserName, 'boto-alice');
    assert.equal(user.Path, '/boto3/');
    assert.equal(user.Arn, `arn:aws:iam::${server.accountId}:user/boto3/boto-alice`);
    assert.match(user.UserId, /^AIDA[A-Z0-9]{17}$/);
    assert.match(user.CreateDate, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
    assert.match(user.RequestId, /^[0-9a-f-]{36}$/);
    const key = ok('create_key');
    assert.equal(key.UserName, 'boto-alice');
    assert.match(key.AccessKeyId, /^AKIA[A-Z0-9]{16}$/);
    assert.equal(key.SecretLength, 40);
    assert.equal(key.Status, 'Active');
    assert.deepEqual(ok('list_access_keys'), [['boto-alice', key.AccessKeyId, 'Active']]);
    assert.equal(ok('key_works'), user.Arn);
  });

  test('create_role and get_role return the trust policy as a dict; update_role works', () => {
    const trust = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    };
    const role = ok('create_role');
    assert.equal(role.Arn, `arn:aws:iam::${server.accountId}:role/boto-role`);
    assert.match(role.RoleId, /^AROA[A-Z0-9]{17}$/);
    assert.deepEqual(role.AssumeRolePolicyDocument, trust);
    // boto3 raises KeyError('UpdateRoleResult') when the empty Result element is missing.
    assert.deepEqual(ok('update_role'), []);
    assert.deepEqual(ok('get_role'), { Description: 'second', MaxSessionDuration: 7200, AssumeRolePolicyDocument: trust });
  });

  test('create_policy, get_policy_version, attach to a role and a user', () => {
    const policy = ok('create_policy');
    const arn = `arn:aws:iam::${server.accountId}:policy/boto-policy`;
    assert.deepEqual(policy, { Arn: arn, DefaultVersionId: 'v1', AttachmentCount: 0, IsAttachable: true });
    assert.deepEqual(ok('get_policy_version'), {
      Document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }] },
      IsDefaultVersion: true,
      VersionId: 'v1',
    });
    assert.deepEqual(ok('attach_role_policy'), ['ResponseMetadata']);
    assert.deepEqual(ok('list_attached_role_policies'), [{ PolicyName: 'boto-policy', PolicyArn: arn }]);
    assert.deepEqual(ok('attach_user_policy'), ['ResponseMetadata']);
    assert.equal(ok('attachment_count'), 2);
  });

  test('modeled errors raise client.exceptions classes', () => {
    const cases: Array<[string, string, string, number, string | RegExp]> = [
      ['no_such_entity', 'NoSuchEntityException', 'NoSuchEntity', 404, 'The user with name boto-nobody cannot be found.'],
      ['no_such_role', 'NoSuchEntityException', 'NoSuchEntity', 404, 'The role with name boto-nothing cannot be found.'],
      ['already_exists', 'EntityAlreadyExistsException', 'EntityAlreadyExists', 409, 'User with name boto-alice already exists.'],
      ['malformed_policy', 'MalformedPolicyDocumentException', 'MalformedPolicyDocument', 400, /./],
      ['delete_conflict', 'DeleteConflictException', 'DeleteConflict', 409, 'Cannot delete entity, must detach all policies first.'],
    ];
    for (const [step, cls, code, status, message] of cases) {
      const e = ok(step);
      assert.equal(e.caught, cls, `${step}: ${JSON.stringify(e)}`);
      assert.equal(e.code, code, step);
      assert.equal(e.status, status, step);
      if (typeof message === 'string') assert.equal(e.message, message, step);
      else assert.match(e.message, message, step);
      assert.match(e.requestId, /^[0-9a-f-]{36}$/, `${step}: RequestId from the error body`);
    }
  });

  test('the list_users paginator follows Marker with a small PageSize', () => {
    const names = ['boto-page-1', 'boto-page-2', 'boto-page-3', 'boto-page-4', 'boto-page-5'];
    assert.deepEqual(ok('paginate_users'), { pageSizes: [2, 2, 1], truncated: [true, true, false], names });
    assert.deepEqual(ok('paginate_max_items'), names.slice(0, 3));
  });

  test('everything deletes and is gone afterwards', () => {
    assert.equal(ok('cleanup'), true);
    for (const step of ['gone_user', 'gone_role', 'gone_policy']) assert.equal(ok(step).caught, 'NoSuchEntityException', step);
  });

  test('wrong secret and unknown key are ClientErrors with AWS codes', () => {
    const wrong = clientError('wrong_secret');
    assert.equal(wrong.class, 'ClientError');
    assert.equal(wrong.code, 'SignatureDoesNotMatch');
    assert.equal(wrong.status, 403);
    const unknown = clientError('unknown_key');
    assert.equal(unknown.code, 'InvalidClientTokenId');
    assert.equal(unknown.status, 403);
    assert.equal(unknown.message, 'The security token included in the request is invalid.');
  });
});
