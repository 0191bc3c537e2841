import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DisableOrganizationsRootCredentialsManagementCommand,
  DisableOrganizationsRootSessionsCommand,
  EnableOrganizationsRootCredentialsManagementCommand,
  EnableOrganizationsRootSessionsCommand,
  GenerateOrganizationsAccessReportCommand,
  GetOrganizationsAccessReportCommand,
  type IAMClient,
  ListOrganizationsFeaturesCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import type { TestServer } from '../support/server.js';
import { iamClient } from '../support/sdk-clients.js';
import { allowDoc, rejects, startIamTestServer } from './iam-test-helpers.js';

/**
 * The Organizations-dependent IAM actions, answered as for an account that belongs to no
 * organization (keysmith has none): centralized root access refuses with
 * OrganizationNotFoundException; an Organizations access report job ends FAILED.
 */
let server: TestServer;
let iam: IAMClient;
let acct: string;

const NO_ORGANIZATION = 'The request was rejected because no organization is associated with your account.';
const ENTITY_PATH = 'o-a1b2c3d4e5/r-f6g7h8i9j0example';

suite('IAM Organizations-dependent actions (SDK v3)', () => {
  before(async () => {
    server = await startIamTestServer();
    iam = iamClient(server.url, server.admin);
    acct = server.accountId;
  });
  after(async () => {
    iam?.destroy();
    await server?.close();
  });

  test('centralized root access: OrganizationNotFoundException for a standalone account', async () => {
    for (const command of [
      new EnableOrganizationsRootCredentialsManagementCommand({}),
      new DisableOrganizationsRootCredentialsManagementCommand({}),
      new EnableOrganizationsRootSessionsCommand({}),
      new DisableOrganizationsRootSessionsCommand({}),
      new ListOrganizationsFeaturesCommand({}),
    ]) {
      await rejects(iam.send(command), 'OrganizationNotFoundException', NO_ORGANIZATION, 400);
    }
  });

  test('GenerateOrganizationsAccessReport: validated, then a job that ends FAILED', async () => {
    const { JobId } = await iam.send(
      new GenerateOrganizationsAccessReportCommand({ EntityPath: ENTITY_PATH, OrganizationsPolicyId: 'p-12345678' }),
    );
    assert.match(JobId!, /^[0-9a-f-]{36}$/);
    const report = await iam.send(new GetOrganizationsAccessReportCommand({ JobId }));
    assert.equal(report.JobStatus, 'FAILED');
    assert.ok(report.JobCreationDate instanceof Date && report.JobCompletionDate instanceof Date);
    assert.equal(report.IsTruncated, false);
    assert.deepEqual(report.ErrorDetails, {
      Code: 'AWSOrganizationsNotInUseException',
      Message: 'Your account is not a member of an organization.',
    });
    assert.equal(report.AccessDetails, undefined);

    await rejects(
      iam.send(new GenerateOrganizationsAccessReportCommand({ EntityPath: 'not-an-entity-path-at-all' })),
      'ValidationError',
      "1 validation error detected: Value at 'entityPath' failed to satisfy constraint: Member must satisfy regular expression pattern: ^o-[0-9a-z]{10,32}\\/r-[0-9a-z]{4,32}[0-9a-z-\\/]*",
      400,
    );
    await rejects(
      iam.send(new GenerateOrganizationsAccessReportCommand({ EntityPath: ENTITY_PATH, OrganizationsPolicyId: 'p-1' })),
      'ValidationError',
      /Value at 'organizationsPolicyId' failed to satisfy constraint: Member must satisfy regular expression pattern/,
      400,
    );
    const unknown = '00000000-0000-4000-8000-000000000000';
    await rejects(
      iam.send(new GetOrganizationsAccessReportCommand({ JobId: unknown })),
      'NoSuchEntity',
      `The job with ID ${unknown} cannot be found.`,
      404,
    );
    await rejects(
      iam.send(new GetOrganizationsAccessReportCommand({ JobId: 'short' })),
      'ValidationError',
      "1 validation error detected: Value at 'jobId' failed to satisfy constraint: Member must have length greater than or equal to 36",
      400,
    );
  });

  test('authorization: the access-report ARN of the entity path, "*" for the others', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'org-user' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'org-user',
        PolicyName: 'p',
        PolicyDocument: allowDoc('iam:GenerateOrganizationsAccessReport', `arn:aws:iam::${acct}:access-report/o-a1b2c3d4e5/*`),
      }),
    );
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'org-user' }));
    const client = iamClient(server.url, { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
    assert.ok((await client.send(new GenerateOrganizationsAccessReportCommand({ EntityPath: ENTITY_PATH }))).JobId);
    const other = 'o-zzzzzzzzzz/r-abcd';
    await rejects(
      client.send(new GenerateOrganizationsAccessReportCommand({ EntityPath: other })),
      'AccessDenied',
      new RegExp(
        `^User: arn:aws:iam::${acct}:user/org-user is not authorized to perform: iam:GenerateOrganizationsAccessReport on resource: arn:aws:iam::${acct}:access-report/${other} `,
      ),
      403,
    );
    await rejects(
      client.send(new ListOrganizationsFeaturesCommand({})),
      'AccessDenied',
      new RegExp(`^User: arn:aws:iam::${acct}:user/org-user is not authorized to perform: iam:ListOrganizationsFeatures on resource: \\*`),
      403,
    );
    client.destroy();
  });
});
