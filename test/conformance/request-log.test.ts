import { describe, it, before, after } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { CreateAccessKeyCommand, CreateUserCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { createLogger } from '../../src/platform/node-logger.js';
import { REQUEST_LOG_MSG } from '../../src/server/request-log.js';
import { handleSigned } from '../support/in-process-signed.js';
import { iamClient, stsClient } from '../support/sdk-clients.js';
import { startTestServer, TEST_ACCOUNT_ID, type TestServer } from '../support/server.js';

/**
 * The request log (issue 10): every request through the pipeline, answered or refused, leaves
 * exactly one `info` line naming the service, the operation, the caller (ARN, or the access key
 * id when authentication failed), the status, the AWS error code and the duration, under the
 * request id the client got. At `warn` there is none.
 */
type Line = Record<string, unknown>;

describe('request log: one line per request', () => {
  let server: TestServer;
  const lines: string[] = [];
  const requests = (): Line[] => lines.map((l) => JSON.parse(l) as Line).filter((l) => l.msg === REQUEST_LOG_MSG);
  /** The request lines logged while `f` runs. */
  async function logged(f: () => Promise<unknown>): Promise<Line[]> {
    const before = requests().length;
    await f();
    return requests().slice(before);
  }
  let user: { accessKeyId: string; secretAccessKey: string };

  before(async () => {
    server = await startTestServer({}, { logger: createLogger('info', (l) => void lines.push(l), 'json') });
    const iam = iamClient(server.url, server.admin);
    await iam.send(new CreateUserCommand({ UserName: 'nobody' }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'nobody' }))).AccessKey!;
    user = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
  });
  after(async () => server.close());

  it('a success: service, action, status 200, the caller ARN, no error code, the request id the client got', async () => {
    let requestId: string | undefined;
    const got = await logged(async () => {
      requestId = (await iamClient(server.url, server.admin).send(new ListUsersCommand({}))).$metadata.requestId;
    });
    assert.equal(got.length, 1);
    const [line] = got;
    assert.equal(line!.level, 'info');
    assert.equal(line!.service, 'iam');
    assert.equal(line!.action, 'ListUsers');
    assert.equal(line!.status, 200);
    assert.equal(line!.principal, `arn:aws:iam::${TEST_ACCOUNT_ID}:user/admin`);
    assert.equal(line!.errorCode, undefined);
    assert.equal(line!.accessKeyId, undefined);
    assert.equal(line!.requestId, requestId);
    assert.equal(typeof line!.durationMs, 'number');
    assert.ok((line!.durationMs as number) >= 0);
    assert.ok(!Number.isNaN(Date.parse(line!.time as string)));
  });

  it('a denied call: 403 AccessDenied, logged with the caller ARN', async () => {
    const got = await logged(() =>
      iamClient(server.url, user)
        .send(new ListUsersCommand({}))
        .catch((e: Error) => e.name),
    );
    assert.equal(got.length, 1);
    assert.deepEqual(
      {
        service: got[0]!.service,
        action: got[0]!.action,
        status: got[0]!.status,
        errorCode: got[0]!.errorCode,
        principal: got[0]!.principal,
      },
      {
        service: 'iam',
        action: 'ListUsers',
        status: 403,
        errorCode: 'AccessDenied',
        principal: `arn:aws:iam::${TEST_ACCOUNT_ID}:user/nobody`,
      },
    );
  });

  it('a refused signature: 403 SignatureDoesNotMatch, logged with the access key id (no principal)', async () => {
    const wrong = { accessKeyId: user.accessKeyId, secretAccessKey: 'not-the-secret-0000000000000000000000000' };
    const got = await logged(() =>
      stsClient(server.url, wrong)
        .send(new GetCallerIdentityCommand({}))
        .catch((e: Error) => e.name),
    );
    assert.equal(got.length, 1);
    const [line] = got;
    assert.equal(line!.service, 'sts');
    assert.equal(line!.status, 403);
    assert.equal(line!.errorCode, 'SignatureDoesNotMatch');
    assert.equal(line!.accessKeyId, user.accessKeyId);
    assert.equal(line!.principal, undefined);
    assert.ok(!lines.join('').includes(wrong.secretAccessKey));
  });

  it('every protocol: S3 (REST-XML) and CloudTrail (JSON 1.1) log the same way', async () => {
    const s3 = await logged(() => handleSigned(server.keysmith.app, server.admin, { service: 's3', method: 'GET', path: '/' }));
    assert.deepEqual(
      s3.map((l) => [l.service, l.action, l.status, l.principal]),
      [['s3', 'ListBuckets', 200, `arn:aws:iam::${TEST_ACCOUNT_ID}:user/admin`]],
    );
    const missing = await logged(() =>
      handleSigned(server.keysmith.app, server.admin, { service: 's3', method: 'GET', path: '/no-such-bucket/k' }),
    );
    assert.deepEqual(
      missing.map((l) => [l.service, l.action, l.status, l.errorCode]),
      [['s3', 'GetObject', 404, 'NoSuchBucket']],
    );
    const trail = await logged(() =>
      handleSigned(server.keysmith.app, server.admin, {
        service: 'cloudtrail',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents',
        },
        body: '{}',
      }),
    );
    assert.deepEqual(
      trail.map((l) => [l.service, l.action, l.status]),
      [['cloudtrail', 'LookupEvents', 200]],
    );
  });

  it('an unsigned request: one line, no caller', async () => {
    const got = await logged(() => fetch(`${server.url}/?Action=ListUsers&Version=2010-05-08`).then((r) => r.text()));
    assert.equal(got.length, 1);
    assert.equal(got[0]!.status, 403);
    assert.equal(got[0]!.errorCode, 'MissingAuthenticationToken');
    assert.equal(got[0]!.principal, undefined);
    assert.equal(got[0]!.accessKeyId, undefined);
  });

  it('the admin API is not in the request log at info', async () => {
    const got = await logged(() => fetch(`${server.url}/_keysmith/health`).then((r) => r.text()));
    assert.deepEqual(got, []);
  });

  it('request ids are unique: one line per request, never two', () => {
    const ids = requests().map((l) => l.requestId);
    assert.equal(new Set(ids).size, ids.length);
  });
});

describe('request log: off at warn', () => {
  it('KEYSMITH_LOG_LEVEL=warn: no request line', async () => {
    const lines: string[] = [];
    const server = await startTestServer(
      { KEYSMITH_LOG_LEVEL: 'warn' },
      { logger: createLogger('warn', (l) => void lines.push(l), 'json') },
    );
    try {
      await iamClient(server.url, server.admin).send(new ListUsersCommand({}));
      await stsClient(server.url, { ...server.admin, secretAccessKey: 'wrong' })
        .send(new GetCallerIdentityCommand({}))
        .catch(() => undefined);
      assert.deepEqual(
        lines.filter((l) => (JSON.parse(l) as Line).msg === REQUEST_LOG_MSG),
        [],
      );
    } finally {
      await server.close();
    }
  });
});
