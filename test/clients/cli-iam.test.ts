import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../support/server.js';
import { awsCli, type CliResult } from '../support/clients-aws-cli.js';
import { describe } from '../support/clients-process.js';
import { DYNAMO_AFTER_2018 } from '../conformance/iam-test-helpers.js';

/**
 * The "Done when", driven through the real AWS CLI (v1) with nothing but --endpoint-url:
 * the bootstrap admin creates, reads and deletes a user, a key, a role and a managed policy; bad
 * credentials and missing permissions get AWS's errors and exit code 255. Also the CLI's
 * simulate-custom-policy example (the simulator's SDK v3 suite is
 * test/conformance/iam-simulate.test.ts).
 */

const TRUST_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};
const PERMISSIONS_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'ReadBuckets', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: '*' }],
};

let server: TestServer;
const cli = (args: string[], creds = server.admin, region?: string): Promise<CliResult> =>
  awsCli(server.url, creds, args, region ? { region } : {});

function ok(result: CliResult): any {
  assert.equal(result.code, 0, describe(result));
  return result.json;
}

/** CLI v1 exits 255 on a service error and prints AWS's code and message. */
function failed(result: CliResult, code: string, operation: string): string {
  assert.equal(result.code, 255, describe(result));
  assert.ok(result.error, `no AWS error line in stderr:\n${result.stderr}`);
  assert.equal(result.error.code, code, result.stderr);
  assert.equal(result.error.operation, operation, result.stderr);
  return result.error.message;
}

suite('AWS CLI against keysmith', () => {
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server?.close();
  });

  test('sts get-caller-identity shows the bootstrap admin', async () => {
    const id = ok(await cli(['sts', 'get-caller-identity']));
    assert.equal(id.Account, server.accountId);
    assert.equal(id.Arn, `arn:aws:iam::${server.accountId}:user/admin`);
    assert.match(id.UserId, /^AIDA[A-Z0-9]{17}$/);
  });

  test('a signature made with a region other than us-east-1 is accepted', async () => {
    const id = ok(await cli(['sts', 'get-caller-identity'], server.admin, 'eu-west-1'));
    assert.equal(id.Arn, `arn:aws:iam::${server.accountId}:user/admin`);
  });

  test('user, access key, role and managed policy: create, attach, list, get, delete', async () => {
    const account = server.accountId;

    // User and access key
    const user = ok(await cli(['iam', 'create-user', '--user-name', 'cli-alice', '--path', '/cli/'])).User;
    assert.equal(user.UserName, 'cli-alice');
    assert.equal(user.Path, '/cli/');
    assert.equal(user.Arn, `arn:aws:iam::${account}:user/cli/cli-alice`);
    assert.match(user.UserId, /^AIDA[A-Z0-9]{17}$/);
    assert.ok(!Number.isNaN(Date.parse(user.CreateDate)), user.CreateDate);

    const key = ok(await cli(['iam', 'create-access-key', '--user-name', 'cli-alice'])).AccessKey;
    assert.equal(key.UserName, 'cli-alice');
    assert.match(key.AccessKeyId, /^AKIA[A-Z0-9]{16}$/);
    assert.equal(key.SecretAccessKey.length, 40);
    assert.equal(key.Status, 'Active');

    const keys = ok(await cli(['iam', 'list-access-keys', '--user-name', 'cli-alice'])).AccessKeyMetadata;
    assert.deepEqual(
      keys.map((k: any) => [k.UserName, k.AccessKeyId, k.Status]),
      [['cli-alice', key.AccessKeyId, 'Active']],
    );
    assert.equal('SecretAccessKey' in keys[0], false, 'list-access-keys must not reveal secrets');

    // The new key works at once, as the user it belongs to.
    const whoami = ok(await cli(['sts', 'get-caller-identity'], { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey }));
    assert.equal(whoami.Arn, user.Arn);
    assert.equal(whoami.UserId, user.UserId);

    const got = ok(await cli(['iam', 'get-user', '--user-name', 'cli-alice'])).User;
    assert.equal(got.Arn, user.Arn);
    const users = ok(await cli(['iam', 'list-users'])).Users.map((u: any) => u.UserName);
    assert.ok(users.includes('admin') && users.includes('cli-alice'), JSON.stringify(users));

    // Role with a trust policy: the CLI shows policy documents as JSON objects.
    const role = ok(
      await cli([
        'iam',
        'create-role',
        '--role-name',
        'cli-role',
        '--description',
        'made by the CLI test',
        '--assume-role-policy-document',
        JSON.stringify(TRUST_POLICY),
      ]),
    ).Role;
    assert.equal(role.RoleName, 'cli-role');
    assert.equal(role.Arn, `arn:aws:iam::${account}:role/cli-role`);
    assert.match(role.RoleId, /^AROA[A-Z0-9]{17}$/);
    assert.deepEqual(role.AssumeRolePolicyDocument, TRUST_POLICY);

    const gotRole = ok(await cli(['iam', 'get-role', '--role-name', 'cli-role'])).Role;
    assert.deepEqual(gotRole.AssumeRolePolicyDocument, TRUST_POLICY);
    assert.equal(gotRole.Description, 'made by the CLI test');
    assert.equal(gotRole.MaxSessionDuration, 3600);
    const roles = ok(await cli(['iam', 'list-roles'])).Roles;
    const listed = roles.find((r: any) => r.RoleName === 'cli-role');
    assert.ok(listed, JSON.stringify(roles));
    assert.deepEqual(listed.AssumeRolePolicyDocument, TRUST_POLICY);

    // Managed policy, attached to the role.
    const policy = ok(
      await cli(['iam', 'create-policy', '--policy-name', 'cli-policy', '--policy-document', JSON.stringify(PERMISSIONS_POLICY)]),
    ).Policy;
    const policyArn = `arn:aws:iam::${account}:policy/cli-policy`;
    assert.equal(policy.Arn, policyArn);
    assert.equal(policy.DefaultVersionId, 'v1');
    assert.equal(policy.AttachmentCount, 0);
    assert.match(policy.PolicyId, /^ANPA[A-Z0-9]{17}$/);

    const version = ok(await cli(['iam', 'get-policy-version', '--policy-arn', policyArn, '--version-id', 'v1'])).PolicyVersion;
    assert.deepEqual(version.Document, PERMISSIONS_POLICY);
    assert.equal(version.IsDefaultVersion, true);

    ok(await cli(['iam', 'attach-role-policy', '--role-name', 'cli-role', '--policy-arn', policyArn]));
    const attached = ok(await cli(['iam', 'list-attached-role-policies', '--role-name', 'cli-role'])).AttachedPolicies;
    assert.deepEqual(attached, [{ PolicyName: 'cli-policy', PolicyArn: policyArn }]);
    assert.equal(ok(await cli(['iam', 'get-policy', '--policy-arn', policyArn])).Policy.AttachmentCount, 1);
    const local = ok(await cli(['iam', 'list-policies', '--scope', 'Local'])).Policies.map((p: any) => p.Arn);
    assert.deepEqual(local, [policyArn]);

    // A role with an attached policy cannot be deleted.
    failed(await cli(['iam', 'delete-role', '--role-name', 'cli-role']), 'DeleteConflict', 'DeleteRole');

    // Delete everything, in the order AWS requires.
    ok(await cli(['iam', 'detach-role-policy', '--role-name', 'cli-role', '--policy-arn', policyArn]));
    ok(await cli(['iam', 'delete-policy', '--policy-arn', policyArn]));
    ok(await cli(['iam', 'delete-role', '--role-name', 'cli-role']));
    ok(await cli(['iam', 'delete-access-key', '--user-name', 'cli-alice', '--access-key-id', key.AccessKeyId]));
    ok(await cli(['iam', 'delete-user', '--user-name', 'cli-alice']));

    assert.equal(
      failed(await cli(['iam', 'get-user', '--user-name', 'cli-alice']), 'NoSuchEntity', 'GetUser'),
      'The user with name cli-alice cannot be found.',
    );
    assert.equal(
      failed(await cli(['iam', 'get-role', '--role-name', 'cli-role']), 'NoSuchEntity', 'GetRole'),
      'The role with name cli-role cannot be found.',
    );
    failed(await cli(['iam', 'get-policy', '--policy-arn', policyArn]), 'NoSuchEntity', 'GetPolicy');
    // The deleted key no longer authenticates.
    failed(
      await cli(['sts', 'get-caller-identity'], { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey }),
      'InvalidClientTokenId',
      'GetCallerIdentity',
    );
  });

  test('a wrong secret is refused with SignatureDoesNotMatch', async () => {
    const wrong = { accessKeyId: server.admin.accessKeyId, secretAccessKey: 'not-the-right-secret-0000000000000000000' };
    const message = failed(await cli(['iam', 'list-users'], wrong), 'SignatureDoesNotMatch', 'ListUsers');
    assert.equal(
      message,
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
    failed(await cli(['sts', 'get-caller-identity'], wrong), 'SignatureDoesNotMatch', 'GetCallerIdentity');
  });

  test('an unknown access key is refused with InvalidClientTokenId', async () => {
    const unknown = { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: server.admin.secretAccessKey };
    const message = failed(await cli(['iam', 'list-users'], unknown), 'InvalidClientTokenId', 'ListUsers');
    assert.equal(message, 'The security token included in the request is invalid.');
  });

  test('a user without permissions gets AccessDenied', async () => {
    ok(await cli(['iam', 'create-user', '--user-name', 'cli-nobody']));
    const key = ok(await cli(['iam', 'create-access-key', '--user-name', 'cli-nobody'])).AccessKey;
    const nobody = { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey };

    const message = failed(await cli(['iam', 'list-users'], nobody), 'AccessDenied', 'ListUsers');
    assert.match(
      message,
      new RegExp(
        `^User: arn:aws:iam::${server.accountId}:user/cli-nobody is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::${server.accountId}:user/`,
      ),
    );
    failed(await cli(['iam', 'create-user', '--user-name', 'cli-sneaky'], nobody), 'AccessDenied', 'CreateUser');
    // Denied calls change nothing.
    failed(await cli(['iam', 'get-user', '--user-name', 'cli-sneaky']), 'NoSuchEntity', 'GetUser');
    // GetCallerIdentity needs no permission.
    assert.equal(ok(await cli(['sts', 'get-caller-identity'], nobody)).Arn, `arn:aws:iam::${server.accountId}:user/cli-nobody`);
  });

  test('the credentials file in the data folder is a ready-made AWS profile', async () => {
    const result = await awsCli(server.url, undefined, ['sts', 'get-caller-identity'], {
      env: { AWS_SHARED_CREDENTIALS_FILE: `${server.dataDir}/credentials` },
    });
    assert.equal(ok(result).Arn, `arn:aws:iam::${server.accountId}:user/admin`);
    const root = await awsCli(server.url, undefined, ['sts', 'get-caller-identity', '--profile', `${server.accountId}-root`], {
      env: { AWS_SHARED_CREDENTIALS_FILE: `${server.dataDir}/credentials` },
    });
    assert.equal(ok(root).Arn, `arn:aws:iam::${server.accountId}:root`);
  });

  test('bad input gets AWS errors from the CLI', async () => {
    failed(
      await cli(['iam', 'create-policy', '--policy-name', 'cli-broken', '--policy-document', '{"Version": "2012-10-17", "Statement": ']),
      'MalformedPolicyDocument',
      'CreatePolicy',
    );
    ok(await cli(['iam', 'create-user', '--user-name', 'cli-twice']));
    assert.equal(
      failed(await cli(['iam', 'create-user', '--user-name', 'cli-twice']), 'EntityAlreadyExists', 'CreateUser'),
      'User with name cli-twice already exists.',
    );
  });

  suite('IAM policy simulator', () => {
    test('aws iam simulate-custom-policy gives the documented output', async () => {
      const result = await awsCli(server.url, server.admin, [
        'iam',
        'simulate-custom-policy',
        '--policy-input-list',
        DYNAMO_AFTER_2018,
        '--action-names',
        'dynamodb:CreateBackup',
        '--context-entries',
        "ContextKeyName='aws:CurrentTime',ContextKeyValues='2019-04-25T11:00:00Z',ContextKeyType=date",
      ]);
      assert.equal(result.code, 0, result.stderr);
      const [r] = result.json.EvaluationResults;
      assert.equal(r.EvalDecision, 'allowed');
      assert.deepEqual(r.MatchedStatements, [
        {
          SourcePolicyId: 'PolicyInputList.1',
          SourcePolicyType: 'IAM Policy',
          StartPosition: { Line: 1, Column: 38 },
          EndPosition: { Line: 1, Column: 167 },
        },
      ]);
      assert.deepEqual(r.MissingContextValues, []);
    });
  });
});
