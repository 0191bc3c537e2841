import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteUserCommand,
  GetUserCommand,
  IAMServiceException,
  ListUsersCommand,
  NoSuchEntityException,
  UpdateRoleCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSServiceException } from '@aws-sdk/client-sts';
import { startTestServer, type TestServer } from '../support/server.js';
import { iamClient, stsClient } from '../support/sdk-clients.js';

/**
 * AWS SDK for JavaScript v3 specifics: it reads the request id only from the x-amzn-RequestId
 * header, classifies errors by code (modeled class vs. service exception) and status, and signs
 * with whatever region it is configured for.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
let server: TestServer;

async function caught(send: () => Promise<unknown>): Promise<any> {
  try {
    await send();
  } catch (e) {
    return e;
  }
  assert.fail('the call should have failed');
}

suite('AWS SDK v3 against keysmith', () => {
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server?.close();
  });

  test('$metadata.requestId comes from the x-amzn-RequestId header, on success and on error', async () => {
    const iam = iamClient(server.url, server.admin);
    const listed = await iam.send(new ListUsersCommand({}));
    assert.match(listed.$metadata.requestId ?? '', UUID);
    assert.equal(listed.$metadata.httpStatusCode, 200);
    assert.equal(listed.IsTruncated, false);
    assert.ok(listed.Users?.some((u) => u.UserName === 'admin'));
    const e = await caught(() => iam.send(new GetUserCommand({ UserName: 'sdk-nobody' })));
    assert.match(e.$metadata.requestId ?? '', UUID);
    assert.notEqual(e.$metadata.requestId, listed.$metadata.requestId);
    iam.destroy();
  });

  test('NoSuchEntity is the modeled NoSuchEntityException, a client fault with 404', async () => {
    const iam = iamClient(server.url, server.admin);
    const e = await caught(() => iam.send(new GetUserCommand({ UserName: 'sdk-nobody' })));
    const raw = e as { Error?: { Code?: string; Type?: string } };
    assert.ok(e instanceof NoSuchEntityException, String(e));
    assert.equal(e.name, 'NoSuchEntityException');
    assert.equal(e.$fault, 'client');
    assert.equal(e.$metadata.httpStatusCode, 404);
    assert.equal(e.message, 'The user with name sdk-nobody cannot be found.');
    assert.equal(raw.Error?.Code, 'NoSuchEntity');
    assert.equal(raw.Error?.Type, 'Sender');
    iam.destroy();
  });

  test('AccessDenied is an IAMServiceException named AccessDenied, a client fault with 403', async () => {
    const admin = iamClient(server.url, server.admin);
    await admin.send(new CreateUserCommand({ UserName: 'sdk-powerless' }));
    const { AccessKey } = await admin.send(new CreateAccessKeyCommand({ UserName: 'sdk-powerless' }));
    assert.ok(AccessKey?.AccessKeyId && AccessKey.SecretAccessKey);
    const powerless = iamClient(server.url, { accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey });
    const e = await caught(() => powerless.send(new DeleteUserCommand({ UserName: 'admin' })));
    assert.ok(e instanceof IAMServiceException, String(e));
    assert.equal(e.name, 'AccessDenied');
    assert.equal(e.$fault, 'client');
    assert.equal(e.$metadata.httpStatusCode, 403);
    assert.match(
      e.message,
      new RegExp(
        `^User: arn:aws:iam::${server.accountId}:user/sdk-powerless is not authorized to perform: iam:DeleteUser on resource: arn:aws:iam::${server.accountId}:user/admin`,
      ),
    );
    assert.match(e.$metadata.requestId ?? '', UUID);
    // The admin is still there.
    await admin.send(new GetUserCommand({ UserName: 'admin' }));
    powerless.destroy();
    admin.destroy();
  });

  test('authentication failures: InvalidClientTokenId and SignatureDoesNotMatch', async () => {
    const unknown = stsClient(server.url, { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: server.admin.secretAccessKey });
    const e1 = await caught(() => unknown.send(new GetCallerIdentityCommand({})));
    assert.ok(e1 instanceof STSServiceException, String(e1));
    assert.equal(e1.name, 'InvalidClientTokenId');
    assert.equal(e1.$metadata.httpStatusCode, 403);
    const wrong = iamClient(server.url, {
      accessKeyId: server.admin.accessKeyId,
      secretAccessKey: 'wrong/secret/000000000000000000000000000',
    });
    const e2 = await caught(() => wrong.send(new ListUsersCommand({})));
    assert.equal(e2.name, 'SignatureDoesNotMatch');
    assert.equal(e2.$fault, 'client');
    assert.equal(e2.$metadata.httpStatusCode, 403);
    unknown.destroy();
    wrong.destroy();
  });

  test('clients signing for regions other than us-east-1 work (IAM and STS)', async () => {
    for (const region of ['eu-west-1', 'ap-southeast-2']) {
      const sts = stsClient(server.url, server.admin, region);
      const id = await sts.send(new GetCallerIdentityCommand({}));
      assert.equal(id.Arn, `arn:aws:iam::${server.accountId}:user/admin`, region);
      assert.equal(id.Account, server.accountId);
      const iam = iamClient(server.url, server.admin, region);
      const user = await iam.send(new GetUserCommand({}));
      assert.equal(user.User?.UserName, 'admin', region);
      sts.destroy();
      iam.destroy();
    }
  });

  test('UpdateRole (an empty Result element) and policy documents come back URL-encoded', async () => {
    const iam = iamClient(server.url, server.admin);
    const trust = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    };
    const created = await iam.send(new CreateRoleCommand({ RoleName: 'sdk-role', AssumeRolePolicyDocument: JSON.stringify(trust) }));
    // SDK v3 does not decode policy documents: IAM sends them URL-encoded.
    const encoded = created.Role?.AssumeRolePolicyDocument ?? '';
    assert.match(encoded, /^%7B/);
    assert.deepEqual(JSON.parse(decodeURIComponent(encoded)), trust);
    const updated = await iam.send(new UpdateRoleCommand({ RoleName: 'sdk-role', MaxSessionDuration: 7200 }));
    assert.equal(updated.$metadata.httpStatusCode, 200);
    await iam.send(new DeleteRoleCommand({ RoleName: 'sdk-role' }));
    iam.destroy();
  });
});
