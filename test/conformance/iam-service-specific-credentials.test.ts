import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import {
  CreateAccessKeyCommand,
  CreateServiceSpecificCredentialCommand,
  CreateUserCommand,
  DeleteServiceSpecificCredentialCommand,
  type IAMClient,
  ListServiceSpecificCredentialsCommand,
  ResetServiceSpecificCredentialCommand,
  UpdateServiceSpecificCredentialCommand,
} from '@aws-sdk/client-iam';
import type { TestServer } from '../support/server.js';
import { iamClient } from '../support/sdk-clients.js';
import { allPages, rejects, startIamTestServer } from './iam-test-helpers.js';

/**
 * Service-specific credentials through the AWS SDK v3: passwords for CodeCommit and Keyspaces,
 * API keys for Bedrock with an expiration, list filters and pages, reset, status, delete, AWS's
 * recorded error texts, and authorization on the user's ARN.
 */
let server: TestServer;
let iam: IAMClient;
let acct: string;

const create = (user: string, service: string, days?: number) =>
  iam.send(new CreateServiceSpecificCredentialCommand({ UserName: user, ServiceName: service, CredentialAgeDays: days }));

suite('IAM service-specific credentials (SDK v3)', () => {
  before(async () => {
    server = await startIamTestServer();
    iam = iamClient(server.url, server.admin);
    acct = server.accountId;
    await iam.send(new CreateUserCommand({ UserName: 'sofia' }));
  });
  after(async () => {
    iam?.destroy();
    await server?.close();
  });

  test('CodeCommit: create, list, update, reset, delete', async () => {
    const { ServiceSpecificCredential: c } = await create('sofia', 'codecommit.amazonaws.com');
    assert.match(c!.ServiceSpecificCredentialId!, /^ACCA[A-Z2-7]{17}$/);
    assert.equal(c!.ServiceUserName, `sofia-at-${acct}`);
    assert.match(c!.ServicePassword!, /^[A-Za-z0-9+/]{43}=$/);
    assert.equal(c!.Status, 'Active');
    assert.equal(c!.ServiceCredentialSecret, undefined);
    const id = c!.ServiceSpecificCredentialId!;
    await iam.send(new UpdateServiceSpecificCredentialCommand({ UserName: 'sofia', ServiceSpecificCredentialId: id, Status: 'Inactive' }));
    const listed = await iam.send(
      new ListServiceSpecificCredentialsCommand({ UserName: 'sofia', ServiceName: 'codecommit.amazonaws.com' }),
    );
    assert.deepEqual(
      listed.ServiceSpecificCredentials?.map((m) => [m.ServiceSpecificCredentialId, m.Status, m.ServiceUserName]),
      [[id, 'Inactive', `sofia-at-${acct}`]],
    );
    assert.equal(JSON.stringify(listed).includes(c!.ServicePassword!), false, 'no password in lists');
    const reset = await iam.send(new ResetServiceSpecificCredentialCommand({ UserName: 'sofia', ServiceSpecificCredentialId: id }));
    assert.notEqual(reset.ServiceSpecificCredential?.ServicePassword, c!.ServicePassword);
    assert.equal(reset.ServiceSpecificCredential?.Status, 'Inactive');
    assert.deepEqual(
      (await iam.send(new ListServiceSpecificCredentialsCommand({ UserName: 'sofia', ServiceName: 'cassandra.amazonaws.com' })))
        .ServiceSpecificCredentials,
      [],
    );
    await iam.send(new DeleteServiceSpecificCredentialCommand({ UserName: 'sofia', ServiceSpecificCredentialId: id }));
    await rejects(
      iam.send(new DeleteServiceSpecificCredentialCommand({ UserName: 'sofia', ServiceSpecificCredentialId: id })),
      'NoSuchEntity',
      `No such credential ${id} exists`,
      404,
    );
  });

  test('Bedrock API keys: alias and secret, an expiration from CredentialAgeDays', async () => {
    const { ServiceSpecificCredential: c } = await create('sofia', 'bedrock.amazonaws.com', 30);
    assert.match(c!.ServiceCredentialSecret!, /^ABSK/);
    assert.match(c!.ServiceCredentialAlias!, /^sofia\+\d+-at-\d{12}$/);
    assert.equal(c!.ServicePassword, undefined);
    const days = (c!.ExpirationDate!.getTime() - c!.CreateDate!.getTime()) / 86_400_000;
    assert.ok(Math.abs(days - 30) < 0.01, `${days} days`);
    await rejects(create('sofia', 'codecommit.amazonaws.com', 5), 'InvalidInput', /only valid for Bedrock and CloudWatch Logs/);
    await iam.send(
      new DeleteServiceSpecificCredentialCommand({ UserName: 'sofia', ServiceSpecificCredentialId: c!.ServiceSpecificCredentialId }),
    );
  });

  test('AWS’s recorded errors: unsupported service, unknown user, unknown id, bad id, bad status; 2 per service', async () => {
    for (const service of ['lambda.amazonaws.com', 'o3on3n3onosneo']) {
      await rejects(
        create('sofia', service),
        'NoSuchEntity',
        `No such service ${service} is supported for Service Specific Credentials`,
        404,
      );
    }
    await rejects(
      iam.send(new ListServiceSpecificCredentialsCommand({ UserName: 'sofia', ServiceName: 'nonexistentservice.amazonaws.com' })),
      'NoSuchEntity',
      'No such service nonexistentservice.amazonaws.com is supported for Service Specific Credentials',
    );
    await rejects(
      create('non-existent-user', 'nonexistentservice.amazonaws.com'),
      'NoSuchEntity',
      'The user with name non-existent-user cannot be found.',
    );
    await rejects(
      iam.send(
        new ResetServiceSpecificCredentialCommand({ UserName: 'sofia', ServiceSpecificCredentialId: 'satisfiesregexbutstillinvalid' }),
      ),
      'NoSuchEntity',
      'No such credential satisfiesregexbutstillinvalid exists',
    );
    await rejects(
      iam.send(
        new UpdateServiceSpecificCredentialCommand({
          UserName: 'sofia',
          ServiceSpecificCredentialId: 'totally-wrong-credential-id-with-hyphens',
          Status: 'Active',
        }),
      ),
      'ValidationError',
      "1 validation error detected: Value at 'serviceSpecificCredentialId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w]+",
    );
    const a = await create('sofia', 'cassandra.amazonaws.com');
    await rejects(
      iam.send(
        new UpdateServiceSpecificCredentialCommand({
          UserName: 'wrong-user-name',
          ServiceSpecificCredentialId: a.ServiceSpecificCredential!.ServiceSpecificCredentialId,
          Status: 'Inactive',
        }),
      ),
      'NoSuchEntity',
      'The user with name wrong-user-name cannot be found.',
    );
    await create('sofia', 'cassandra.amazonaws.com');
    await rejects(
      create('sofia', 'cassandra.amazonaws.com'),
      'LimitExceeded',
      'Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: 2',
      409,
    );
    await create('sofia', 'codecommit.amazonaws.com');
    const pages = await allPages((Marker) =>
      iam.send(new ListServiceSpecificCredentialsCommand({ UserName: 'sofia', Marker, MaxItems: 2 })),
    );
    assert.equal(pages.flatMap((p) => p.ServiceSpecificCredentials ?? []).length, 3);
  });

  test('AllUsers lists every user’s; not with UserName', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'omar' }));
    await create('omar', 'cassandra.amazonaws.com');
    const all = await iam.send(new ListServiceSpecificCredentialsCommand({ AllUsers: true, ServiceName: 'cassandra.amazonaws.com' }));
    assert.deepEqual([...new Set(all.ServiceSpecificCredentials?.map((c) => c.UserName))].sort(), ['omar', 'sofia']);
    await rejects(iam.send(new ListServiceSpecificCredentialsCommand({ AllUsers: true, UserName: 'omar' })), 'InvalidInput');
  });

  test('authorization on the user ARN, before NoSuchEntity', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'nopriv' }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'nopriv' }));
    const user = iamClient(server.url, { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
    await rejects(
      user.send(new CreateServiceSpecificCredentialCommand({ UserName: 'sofia', ServiceName: 'codecommit.amazonaws.com' })),
      'AccessDenied',
      `User: arn:aws:iam::${acct}:user/nopriv is not authorized to perform: iam:CreateServiceSpecificCredential on resource: arn:aws:iam::${acct}:user/sofia because no identity-based policy allows the iam:CreateServiceSpecificCredential action`,
      403,
    );
    await rejects(
      user.send(new DeleteServiceSpecificCredentialCommand({ UserName: 'ghost', ServiceSpecificCredentialId: 'ACCAAAAAAAAAAAAAAAAAA' })),
      'AccessDenied',
      /iam:DeleteServiceSpecificCredential on resource: arn:aws:iam::\d{12}:user\/ghost/,
    );
    user.destroy();
  });
});
