import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import {
  AddRoleToInstanceProfileCommand,
  AttachRolePolicyCommand,
  CreateAccessKeyCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  CreateServiceLinkedRoleCommand,
  CreateUserCommand,
  DeleteRoleCommand,
  DeleteRolePermissionsBoundaryCommand,
  DeleteRolePolicyCommand,
  DeleteServiceLinkedRoleCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  GetServiceLinkedRoleDeletionStatusCommand,
  type IAMClient,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  RemoveRoleFromInstanceProfileCommand,
  TagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
  UpdateRoleDescriptionCommand,
} from '@aws-sdk/client-iam';
import type { TestServer } from '../support/server.js';
import { iamClient } from '../support/sdk-clients.js';
import { allowDoc, rejects, startIamTestServer } from './iam-test-helpers.js';

/**
 * Service-linked roles through the AWS SDK v3 against a real keysmith: the role AWS would make
 * (name, path, trust policy), custom suffixes, AWS's texts for a taken name and a refused suffix,
 * deletion tasks, the UnmodifiableEntity guard on every call AWS refuses, CreateRole's refusal of
 * the service-role path, and authorization on the role ARN with iam:AWSServiceName.
 */
let server: TestServer;
let iam: IAMClient;
let acct: string;

const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const TASK = /^task\/aws-service-role\/([^/]+)\/([^/]+)\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const protectedText = (name: string) =>
  `Cannot perform the operation on the protected role '${name}' - this role is only modifiable by AWS`;

suite('IAM service-linked roles (SDK v3)', () => {
  before(async () => {
    server = await startIamTestServer();
    iam = iamClient(server.url, server.admin);
    acct = server.accountId;
  });
  after(async () => {
    iam?.destroy();
    await server?.close();
  });

  test('CreateServiceLinkedRole makes AWS’s role; a second create is AWS’s “taken” text', async () => {
    const role = (await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'ecs.amazonaws.com', Description: 'ECS' }))).Role!;
    assert.equal(role.RoleName, 'AWSServiceRoleForECS');
    assert.equal(role.Path, '/aws-service-role/ecs.amazonaws.com/');
    assert.equal(role.Arn, `arn:aws:iam::${acct}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS`);
    assert.equal(role.Description, 'ECS');
    assert.match(role.RoleId!, /^AROA/);
    assert.deepEqual(JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument!)), {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: ['ecs.amazonaws.com'] }, Action: ['sts:AssumeRole'] }],
    });
    const got = (await iam.send(new GetRoleCommand({ RoleName: 'AWSServiceRoleForECS' }))).Role!;
    assert.equal(got.MaxSessionDuration, 3600);
    await rejects(
      iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'ecs.amazonaws.com' })),
      'InvalidInput',
      'Service role name AWSServiceRoleForECS has been taken in this account, please try a different suffix.',
      400,
    );
  });

  test('CustomSuffix: appended with _ where the service takes one, refused where it does not; unknown services refused', async () => {
    const a = (await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com', CustomSuffix: 'one' })))
      .Role!;
    assert.equal(a.RoleName, 'AWSServiceRoleForAutoScaling_one');
    const b = (await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com' }))).Role!;
    assert.equal(b.RoleName, 'AWSServiceRoleForAutoScaling');
    await rejects(
      iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com', CustomSuffix: 'one' })),
      'InvalidInput',
      'Service role name AWSServiceRoleForAutoScaling_one has been taken in this account, please try a different suffix.',
    );
    await rejects(
      iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'es.amazonaws.com', CustomSuffix: 'x' })),
      'InvalidInput',
      'Custom suffix is not allowed for es.amazonaws.com',
      400,
    );
    await rejects(
      iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'nothing.amazonaws.com' })),
      'InvalidInput',
      'Service name nothing.amazonaws.com is not a supported service',
    );
    await rejects(
      iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'bad name' })),
      'ValidationError',
      /aWSServiceName|AWSServiceName/,
    );
  });

  test('DeleteServiceLinkedRole: a task id in AWS’s format, SUCCEEDED; bad and unknown ids', async () => {
    await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'rds.amazonaws.com' }));
    const { DeletionTaskId } = await iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: 'AWSServiceRoleForRDS' }));
    assert.match(DeletionTaskId!, TASK);
    assert.deepEqual(TASK.exec(DeletionTaskId!)!.slice(1), ['rds.amazonaws.com', 'AWSServiceRoleForRDS']);
    const status = await iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId }));
    assert.equal(status.Status, 'SUCCEEDED');
    assert.equal(status.Reason, undefined);
    await rejects(iam.send(new GetRoleCommand({ RoleName: 'AWSServiceRoleForRDS' })), 'NoSuchEntity');
    // The name is free again.
    await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'rds.amazonaws.com' }));

    await rejects(
      iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId: 'nonsense' })),
      'InvalidInput',
      'Invalid deletion task id: nonsense',
      400,
    );
    const unknown = 'task/aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS/00000000-0000-4000-8000-000000000000';
    await rejects(
      iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId: unknown })),
      'NoSuchEntity',
      `Deletion task ${unknown} cannot be found.`,
      404,
    );
    await rejects(
      iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: 'ghost' })),
      'NoSuchEntity',
      'The role with name ghost cannot be found.',
      404,
    );
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'ordinary',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        }),
      }),
    );
    await rejects(
      iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: 'ordinary' })),
      'NoSuchEntity',
      'Role ordinary is not a service-linked role.',
    );
  });

  test('the calls AWS refuses on a service-linked role answer UnmodifiableEntity; description and tags may change', async () => {
    await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'elasticache.amazonaws.com' }));
    const name = 'AWSServiceRoleForElastiCache';
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'slr-profile' }));
    const doc = allowDoc('s3:GetObject');
    const refused: [string, () => Promise<unknown>][] = [
      ['DeleteRole', () => iam.send(new DeleteRoleCommand({ RoleName: name }))],
      ['UpdateAssumeRolePolicy', () => iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: name, PolicyDocument: doc }))],
      ['UpdateRole MaxSessionDuration', () => iam.send(new UpdateRoleCommand({ RoleName: name, MaxSessionDuration: 7200 }))],
      ['PutRolePolicy', () => iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'p', PolicyDocument: doc }))],
      ['DeleteRolePolicy', () => iam.send(new DeleteRolePolicyCommand({ RoleName: name, PolicyName: 'p' }))],
      ['AttachRolePolicy', () => iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: READ_ONLY }))],
      ['DetachRolePolicy', () => iam.send(new DetachRolePolicyCommand({ RoleName: name, PolicyArn: READ_ONLY }))],
      [
        'PutRolePermissionsBoundary',
        () => iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: name, PermissionsBoundary: READ_ONLY })),
      ],
      ['DeleteRolePermissionsBoundary', () => iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: name }))],
      [
        'AddRoleToInstanceProfile',
        () => iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'slr-profile', RoleName: name })),
      ],
      [
        'RemoveRoleFromInstanceProfile',
        () => iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'slr-profile', RoleName: name })),
      ],
    ];
    for (const [what, call] of refused) {
      await rejects(call(), 'UnmodifiableEntity', protectedText(name), 400).catch((e: unknown) => {
        throw new Error(`${what}: ${String(e)}`);
      });
    }
    await iam.send(new UpdateRoleDescriptionCommand({ RoleName: name, Description: 'changed' }));
    await iam.send(new UpdateRoleCommand({ RoleName: name, Description: 'again' }));
    await iam.send(new TagRoleCommand({ RoleName: name, Tags: [{ Key: 'k', Value: 'v' }] }));
    const role = (await iam.send(new GetRoleCommand({ RoleName: name }))).Role!;
    assert.equal(role.Description, 'again');
    assert.equal(role.MaxSessionDuration, 3600);
    assert.deepEqual(role.Tags, [{ Key: 'k', Value: 'v' }]);
  });

  test('CreateRole refuses the service-linked path', async () => {
    await rejects(
      iam.send(
        new CreateRoleCommand({
          RoleName: 'sneaky',
          Path: '/aws-service-role/ecs.amazonaws.com/',
          AssumeRolePolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs.amazonaws.com' }, Action: 'sts:AssumeRole' }],
          }),
        }),
      ),
      'InvalidInput',
      "Path prefix '/aws-service-role/' can only be used for AWS Service linked Roles",
      400,
    );
  });

  test('authorization: on the role ARN the service-linked role will have', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'slr-user' }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'slr-user', PolicyName: 'p', PolicyDocument: allowDoc('iam:GetRole') }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'slr-user' }));
    const client = iamClient(server.url, { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
    await rejects(
      client.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'eks.amazonaws.com' })),
      'AccessDenied',
      new RegExp(
        `^User: arn:aws:iam::${acct}:user/slr-user is not authorized to perform: iam:CreateServiceLinkedRole on resource: arn:aws:iam::${acct}:role/aws-service-role/eks.amazonaws.com/AWSServiceRoleForAmazonEKS `,
      ),
      403,
    );
    client.destroy();
  });
});
